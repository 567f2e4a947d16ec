/**
 * Spring Batch support: every step runs inside a boundary.
 */
@NullMarked
package dev.threadlocal.batch;

import org.jspecify.annotations.NullMarked;
