// COMPILE-ONLY STAND-IN. Not eSignet code and not shipped: the signatures of
// io.mosip.signup:signup-integration-api (1.2.x) that the facegate plugin uses,
// so CI can compile and test the plugin with javac alone. Data carriers have
// plain accessors; nothing here has behaviour. Build against the real artifact
// with java/pom.xml.
package io.mosip.signup.api.spi;

import io.mosip.signup.api.dto.IdentityVerificationDto;
import io.mosip.signup.api.dto.IdentityVerificationInitDto;
import io.mosip.signup.api.dto.IdentityVerificationResult;
import io.mosip.signup.api.dto.VerificationResult;
import io.mosip.signup.api.exception.IdentityVerifierException;
import io.mosip.signup.api.util.ProcessType;
import java.util.List;

// The real class also holds an @Autowired KafkaTemplate that publishAnalysisResult
// sends with; here the method only marks the seam (tests override it).
public abstract class IdentityVerifierPlugin {
    public static final String RESULT_TOPIC = "ANALYZE_FRAMES_RESULT";

    protected void publishAnalysisResult(IdentityVerificationResult identityVerificationResult) {
        throw new UnsupportedOperationException("compile-only stand-in: signup-service publishes to Kafka");
    }

    public final boolean isStartStep(String stepCode) { return "START".equalsIgnoreCase(stepCode); }

    public final boolean isEndStep(String stepCode) { return "END".equalsIgnoreCase(stepCode); }

    public abstract String getVerifierId();

    public abstract List<ProcessType> getSupportedProcessTypes();

    public abstract void initialize(String transactionId, IdentityVerificationInitDto identityVerificationInitDto);

    public abstract void verify(String transactionId, IdentityVerificationDto identityVerificationDto)
            throws IdentityVerifierException;

    public abstract VerificationResult getVerificationResult(String transactionId) throws IdentityVerifierException;
}
