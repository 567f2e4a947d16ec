/**
 * Sample web application whose requests share a tiny thread pool and never see each
 * other's thread-local state.
 */
@NullMarked
package dev.threadlocal.sample;

import org.jspecify.annotations.NullMarked;
