/**
 * Actuator endpoint that describes thread-local variables, the scope and their counters.
 */
@NullMarked
package dev.threadlocal.actuate;

import org.jspecify.annotations.NullMarked;
