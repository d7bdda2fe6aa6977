/**
 * Attempt tracing: a stream tracer that records each attempt of a call (transparent, retry, hedge) for the scenarios'
 * reports.
 */
package io.grpclab.lab.trace;
