// COMPILE-ONLY STAND-IN. Not eSignet code and not shipped: the signatures of
// io.mosip.signup:signup-integration-api (1.2.x) that the facegate plugin uses,
// so CI can compile and test the plugin with javac alone. Data carriers have
// plain accessors; nothing here has behaviour. Build against the real artifact
// with java/pom.xml.
package io.mosip.signup.api.dto;

public class FrameDetail {
    private String frame;
    private int order;

    public String getFrame() { return frame; }
    public void setFrame(String frame) { this.frame = frame; }
    public int getOrder() { return order; }
    public void setOrder(int order) { this.order = order; }
}
