/**
 * The plain gRPC clients the scenarios call Echo and SayHello with, through the gateway's channel.
 */
package io.grpclab.lab.clients;
