// COMPILE-ONLY STAND-IN. Not eSignet code and not shipped: the signatures of
// io.mosip.signup:signup-integration-api (1.2.x) that the facegate plugin uses,
// so CI can compile and test the plugin with javac alone. Data carriers have
// plain accessors; nothing here has behaviour. Build against the real artifact
// with java/pom.xml.
package io.mosip.signup.api.dto;

public class IdentityVerificationInitDto {
    private String individualId;
    private String disabilityType;

    public String getIndividualId() { return individualId; }
    public void setIndividualId(String individualId) { this.individualId = individualId; }
    public String getDisabilityType() { return disabilityType; }
    public void setDisabilityType(String disabilityType) { this.disabilityType = disabilityType; }
}
