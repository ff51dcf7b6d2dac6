// COMPILE-ONLY STAND-IN. Not eSignet code and not shipped: the signatures of
// io.mosip.signup:signup-integration-api (1.2.x) that the facegate plugin uses,
// so CI can compile and test the plugin with javac alone. Data carriers have
// plain accessors; nothing here has behaviour. Build against the real artifact
// with java/pom.xml.
package io.mosip.signup.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosip.signup.api.util.VerificationStatus;
import java.util.Map;

public class VerificationResult {
    private VerificationStatus status;
    private Map<String, JsonNode> verifiedClaims;
    private String errorCode;

    public VerificationStatus getStatus() { return status; }
    public void setStatus(VerificationStatus status) { this.status = status; }
    public Map<String, JsonNode> getVerifiedClaims() { return verifiedClaims; }
    public void setVerifiedClaims(Map<String, JsonNode> verifiedClaims) { this.verifiedClaims = verifiedClaims; }
    public String getErrorCode() { return errorCode; }
    public void setErrorCode(String errorCode) { this.errorCode = errorCode; }
}
