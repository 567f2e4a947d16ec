/**
 * JMH benchmarks of thread-scoped beans, thread-local variables and the request filter.
 */
@NullMarked
package dev.threadlocal.benchmarks;

import org.jspecify.annotations.NullMarked;
