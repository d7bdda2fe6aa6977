package io.grpclab.lab.config;

import java.util.ArrayList;
import java.util.List;

import io.grpclab.lab.faulttolerance.FaultToleranceSettings;
import io.grpclab.lab.keepalive.KeepaliveSettings;

/** The combinations of settings that do not do what they seem to, in words. */
final class ConfigWarnings {

    private ConfigWarnings() {
    }

    public static List<String> of(ConfigReport.Client client, ConfigReport.Server server,
            List<KeepaliveSettings.Check> keepaliveChecks,
            FaultToleranceSettings.Amplification amplification, boolean knobsEnabled) {
        List<String> warnings = new ArrayList<>();
        ConfigReport.Retry retry = client.retry();
        if (!retry.enabled()) {
            warnings.add("retries are off on the lab channel (quarkus.grpc.clients.lab.retry=false): the retry policy "
                    + "is ignored");
        } else if (retry.policy().maxAttempts() > retry.channelCap()) {
            warnings.add("the retry policy asks for " + retry.policy().maxAttempts() + " attempts but the channel caps "
                    + "them at " + retry.channelCap() + " (quarkus.grpc.clients.lab.max-retry-attempts): grpc-java "
                    + "silently makes at most " + retry.channelCap());
        }
        ConfigReport.Hedging hedging = client.hedging();
        if (!hedging.enabled()) {
            warnings.add("retries are off on the hedging channel (quarkus.grpc.clients.hedging.retry=false): the "
                    + "hedging policy is ignored");
        } else if (hedging.policy().maxAttempts() > hedging.channelCap()) {
            warnings.add("the hedging policy asks for " + hedging.policy().maxAttempts() + " attempts but the channel "
                    + "caps them at " + hedging.channelCap() + " (quarkus.grpc.clients.hedging.max-hedged-attempts)");
        }
        if (client.balancing() != null) {
            List<String> out = client.balancing().backends().stream().filter(b -> !b.inRotation())
                    .map(b -> b.address() + " (" + b.state() + ", health " + b.health() + ")").toList();
            if (!out.isEmpty()) {
                warnings.add(out.size() + " of " + client.balancing().backends().size() + " backends of the lab "
                        + "channel get no calls: " + String.join(", ", out));
            }
        }
        keepaliveChecks.stream().filter(c -> !c.ok())
                .forEach(c -> warnings.add("keepalive: " + c.rule() + " fails: " + c.detail()));
        KeepaliveSettings.notes(client.keepalive()).forEach(note -> warnings.add("keepalive: " + note));
        if (amplification.exceeded()) {
            warnings.add("retry amplification: " + amplification.appAttempts() + " application-level attempts x "
                    + amplification.grpcAttempts() + " gRPC attempts = up to " + amplification.worstCase()
                    + " calls per gateway request, above lab.retry.amplification-bound=" + amplification.bound());
        }
        if (server.tls().developmentCertificates()) {
            warnings.add("the gRPC server uses development certificates issued by this app; configure real ones for "
                    + "production (certs/README.md)");
        }
        if (!server.tls().enabled()) {
            warnings.add("the gRPC server speaks plaintext: credentials must not be sent to it");
        }
        if (knobsEnabled) {
            warnings.add("fault knobs are on (lab.faults.knobs-enabled=true): any client can make calls fail; switch "
                    + "them off in production");
        }
        return warnings;
    }
}
