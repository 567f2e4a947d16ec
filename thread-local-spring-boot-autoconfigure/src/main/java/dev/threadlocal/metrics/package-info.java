/**
 * Micrometer metrics of thread-local variables, leaks and boundaries.
 */
@NullMarked
package dev.threadlocal.metrics;

import org.jspecify.annotations.NullMarked;
