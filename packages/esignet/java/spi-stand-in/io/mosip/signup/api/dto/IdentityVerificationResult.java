// COMPILE-ONLY STAND-IN. Not eSignet code and not shipped: the signatures of
// io.mosip.signup:signup-integration-api (1.2.x) that the facegate plugin uses,
// so CI can compile and test the plugin with javac alone. Data carriers have
// plain accessors; nothing here has behaviour. Build against the real artifact
// with java/pom.xml.
package io.mosip.signup.api.dto;

public class IdentityVerificationResult {
    private String id;
    private String verifierId;
    private IDVProcessStepDetail step;
    private IDVProcessFeedback feedback;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getVerifierId() { return verifierId; }
    public void setVerifierId(String verifierId) { this.verifierId = verifierId; }
    public IDVProcessStepDetail getStep() { return step; }
    public void setStep(IDVProcessStepDetail step) { this.step = step; }
    public IDVProcessFeedback getFeedback() { return feedback; }
    public void setFeedback(IDVProcessFeedback feedback) { this.feedback = feedback; }
}
