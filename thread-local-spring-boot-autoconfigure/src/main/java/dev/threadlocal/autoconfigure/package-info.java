/**
 * Auto-configuration for thread-local variables, the {@code threadlocal} scope and its filter.
 */
@NullMarked
package dev.threadlocal.autoconfigure;

import org.jspecify.annotations.NullMarked;
