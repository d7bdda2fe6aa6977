/**
 * The lab page's route (/lab): static files, its content security policy and caching, off where the demos are.
 */
package io.grpclab.lab.page;
