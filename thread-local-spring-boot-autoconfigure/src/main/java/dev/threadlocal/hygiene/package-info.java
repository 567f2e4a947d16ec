/**
 * Guards for per-thread state that the application or a framework keeps outside
 * {@code ThreadLocalVars}, checked at both ends of every outermost boundary.
 */
@NullMarked
package dev.threadlocal.hygiene;

import org.jspecify.annotations.NullMarked;
