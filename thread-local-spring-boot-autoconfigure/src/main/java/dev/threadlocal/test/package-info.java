/**
 * Test support: no thread-local state leaks from one test method into the next.
 */
@NullMarked
package dev.threadlocal.test;

import org.jspecify.annotations.NullMarked;
