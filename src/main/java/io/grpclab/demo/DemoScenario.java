package io.grpclab.demo;

/** A {@code /demo/*} endpoint; each one describes itself for the {@code GET /demo} index. */
public interface DemoScenario {

    Scenario scenario();
}
