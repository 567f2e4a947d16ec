/**
 * RabbitMQ listener support: every delivery a listener container invokes, and every retry
 * attempt of it, runs inside a listener boundary.
 */
@NullMarked
package dev.threadlocal.amqp;

import org.jspecify.annotations.NullMarked;
