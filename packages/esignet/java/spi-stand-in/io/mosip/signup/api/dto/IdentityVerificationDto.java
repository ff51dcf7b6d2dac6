// COMPILE-ONLY STAND-IN. Not eSignet code and not shipped: the signatures of
// io.mosip.signup:signup-integration-api (1.2.x) that the facegate plugin uses,
// so CI can compile and test the plugin with javac alone. Data carriers have
// plain accessors; nothing here has behaviour. Build against the real artifact
// with java/pom.xml.
package io.mosip.signup.api.dto;

import java.util.List;

public class IdentityVerificationDto {
    private String stepCode;
    private List<FrameDetail> frames;

    public String getStepCode() { return stepCode; }
    public void setStepCode(String stepCode) { this.stepCode = stepCode; }
    public List<FrameDetail> getFrames() { return frames; }
    public void setFrames(List<FrameDetail> frames) { this.frames = frames; }
}
