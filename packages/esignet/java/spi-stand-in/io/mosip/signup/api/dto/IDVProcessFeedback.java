// COMPILE-ONLY STAND-IN. Not eSignet code and not shipped: the signatures of
// io.mosip.signup:signup-integration-api (1.2.x) that the facegate plugin uses,
// so CI can compile and test the plugin with javac alone. Data carriers have
// plain accessors; nothing here has behaviour. Build against the real artifact
// with java/pom.xml.
package io.mosip.signup.api.dto;

import io.mosip.signup.api.util.ProcessFeedbackType;

public class IDVProcessFeedback {
    private ProcessFeedbackType type;
    private String code;

    public ProcessFeedbackType getType() { return type; }
    public void setType(ProcessFeedbackType type) { this.type = type; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
}
