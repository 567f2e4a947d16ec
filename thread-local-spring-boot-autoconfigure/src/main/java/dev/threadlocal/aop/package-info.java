/**
 * The AOP advice that runs {@code @ThreadLocalBoundary} and listener methods inside a boundary.
 */
@NullMarked
package dev.threadlocal.aop;

import org.jspecify.annotations.NullMarked;
