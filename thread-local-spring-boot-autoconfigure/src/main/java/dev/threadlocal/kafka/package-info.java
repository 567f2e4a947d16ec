/**
 * Kafka listener support: every record and every batch a listener container delivers runs
 * inside a listener boundary.
 */
@NullMarked
package dev.threadlocal.kafka;

import org.jspecify.annotations.NullMarked;
