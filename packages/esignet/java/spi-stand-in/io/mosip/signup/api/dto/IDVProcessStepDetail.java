// COMPILE-ONLY STAND-IN. Not eSignet code and not shipped: the signatures of
// io.mosip.signup:signup-integration-api (1.2.x) that the facegate plugin uses,
// so CI can compile and test the plugin with javac alone. Data carriers have
// plain accessors; nothing here has behaviour. Build against the real artifact
// with java/pom.xml.
package io.mosip.signup.api.dto;

import java.util.List;

public class IDVProcessStepDetail {
    private String code;
    private int framesPerSecond;
    private int durationInSeconds;
    private int startupDelayInSeconds;
    private boolean retryOnTimeout;
    private List<String> retryableErrorCodes;

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public int getFramesPerSecond() { return framesPerSecond; }
    public void setFramesPerSecond(int framesPerSecond) { this.framesPerSecond = framesPerSecond; }
    public int getDurationInSeconds() { return durationInSeconds; }
    public void setDurationInSeconds(int durationInSeconds) { this.durationInSeconds = durationInSeconds; }
    public int getStartupDelayInSeconds() { return startupDelayInSeconds; }
    public void setStartupDelayInSeconds(int startupDelayInSeconds) { this.startupDelayInSeconds = startupDelayInSeconds; }
    public boolean isRetryOnTimeout() { return retryOnTimeout; }
    public void setRetryOnTimeout(boolean retryOnTimeout) { this.retryOnTimeout = retryOnTimeout; }
    public List<String> getRetryableErrorCodes() { return retryableErrorCodes; }
    public void setRetryableErrorCodes(List<String> retryableErrorCodes) { this.retryableErrorCodes = retryableErrorCodes; }
}
