/**
 * Opt-in propagation of thread-local variables with Micrometer context-propagation.
 */
@NullMarked
package dev.threadlocal.propagation;

import org.jspecify.annotations.NullMarked;
