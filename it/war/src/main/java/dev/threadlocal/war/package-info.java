/**
 * A WAR that uses the starter and reports the thread-local state each request finds.
 */
@NullMarked
package dev.threadlocal.war;

import org.jspecify.annotations.NullMarked;
