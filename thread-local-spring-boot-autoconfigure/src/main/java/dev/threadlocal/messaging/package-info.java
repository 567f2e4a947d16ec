/**
 * Spring messaging support: every message a STOMP client inbound channel hands to a
 * handler runs inside a listener boundary.
 */
@NullMarked
package dev.threadlocal.messaging;

import org.jspecify.annotations.NullMarked;
