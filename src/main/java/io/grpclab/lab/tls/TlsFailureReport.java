package io.grpclab.lab.tls;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpclab.lab.catalogue.Outcome;

/**
 * A TLS connection made to fail on purpose, against a throwaway listener with material made for the run: each step in
 * order with whether it passed, failed or was never reached, the step that failed read from the failure the client
 * got, and that failure as the client got it.
 *
 * @param failedStep the step the client's failure points at; null when the call succeeded
 * @param asExpected whether that is the step this case must fail at
 * @param reason the status description and each cause's message, as the client got them
 * @param material the certificates of the run: who issued what, for which name, valid when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlsFailureReport(String scenario, Map<String, Object> parameters, Outcome outcome, long elapsedMs,
        List<Step> steps, TlsStep failedStep, String failedStepInWords, boolean asExpected, String reason,
        List<String> material, String clientAuth) {

    /** One step: PASSED, FAILED or NOT_REACHED. */
    public record Step(TlsStep step, String words, String result) {
    }
}
