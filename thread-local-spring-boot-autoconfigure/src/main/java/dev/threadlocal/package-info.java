/**
 * Thread-local variables and the {@code threadlocal} bean scope, both cleared as a whole.
 */
@NullMarked
package dev.threadlocal;

import org.jspecify.annotations.NullMarked;
