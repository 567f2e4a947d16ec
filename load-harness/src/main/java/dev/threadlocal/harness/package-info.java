/**
 * A web application that serves a burst of mixed, partly failing requests on a tiny thread
 * pool and reports every piece of another request's thread-local state it finds.
 */
@NullMarked
package dev.threadlocal.harness;

import org.jspecify.annotations.NullMarked;
