/**
 * The seed's ExampleService (SayHello), flaky in the seed's windows or by the fault knobs. Service floor.
 */
package io.grpclab.hello;
