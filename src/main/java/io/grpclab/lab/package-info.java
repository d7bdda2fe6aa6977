/**
 * The lab wing: everything that serves only /demo, the lab page and their reports. It may use any service package; no
 * service package knows it exists (ArchitectureTest).
 */
package io.grpclab.lab;
