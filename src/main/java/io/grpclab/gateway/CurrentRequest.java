package io.grpclab.gateway;

import jakarta.enterprise.context.RequestScoped;

/** What the gateway knows about the HTTP request being answered. */
@RequestScoped
public class CurrentRequest {

    private String requestId;

    /** The request id {@link RequestIdFilter} assigned; null before it ran. */
    public String requestId() {
        return requestId;
    }

    void setRequestId(String requestId) {
        this.requestId = requestId;
    }
}
