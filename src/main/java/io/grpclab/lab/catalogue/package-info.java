/**
 * The /demo index (built from the OpenAPI description), the switch that turns the demos off in prod, and what every
 * report shares (Outcome, Scenario, query parameter converters).
 */
package io.grpclab.lab.catalogue;
