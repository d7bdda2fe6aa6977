/** The explorer: any method of this app's gRPC services, called from a form, with the lab's report of the call. */
package io.grpclab.lab.explorer;
