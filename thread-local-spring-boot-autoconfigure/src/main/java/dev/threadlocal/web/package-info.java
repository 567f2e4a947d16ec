/**
 * Servlet support that clears thread-local variables when a request ends.
 */
@NullMarked
package dev.threadlocal.web;

import org.jspecify.annotations.NullMarked;
