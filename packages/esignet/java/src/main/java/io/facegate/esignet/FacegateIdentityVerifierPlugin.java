package io.facegate.esignet;

import io.mosip.signup.api.dto.IDVProcessFeedback;
import io.mosip.signup.api.dto.IDVProcessStepDetail;
import io.mosip.signup.api.dto.IdentityVerificationDto;
import io.mosip.signup.api.dto.IdentityVerificationInitDto;
import io.mosip.signup.api.dto.IdentityVerificationResult;
import io.mosip.signup.api.dto.VerificationResult;
import io.mosip.signup.api.exception.IdentityVerifierException;
import io.mosip.signup.api.spi.IdentityVerifierPlugin;
import io.mosip.signup.api.util.ProcessFeedbackType;
import io.mosip.signup.api.util.ProcessType;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * eSignet signup identity verifier backed by the facegate eSignet service.
 *
 * <p>signup-service calls {@code verify} on its inbound STOMP thread, once per
 * message of frames. The plugin hands each call to a per-slot queue and returns
 * at once: a worker posts the calls of one slot in order to the service and
 * publishes the answers with {@link #publishAnalysisResult} (unless the service
 * published them to Kafka itself). If the service cannot be reached, the slot
 * gets an ERROR and END, and its result fails: nothing passes by default.
 */
@Component
public class FacegateIdentityVerifierPlugin extends IdentityVerifierPlugin {

    private static final Logger LOG = Logger.getLogger(FacegateIdentityVerifierPlugin.class.getName());
    static final String UNAVAILABLE = "verifier_unavailable";

    private final String verifierId;
    private final FacegateClient client;
    private final ExecutorService workers;
    private final Map<String, CompletableFuture<Void>> queues = new ConcurrentHashMap<>();
    /** Slots ended here after a failed call: later calls are dropped, so END is sent once. */
    private final Set<String> ended = ConcurrentHashMap.newKeySet();

    public FacegateIdentityVerifierPlugin(
            @Value("${mosip.signup.facegate.verifier-id:facegate}") String verifierId,
            @Value("${mosip.signup.facegate.service-url:http://127.0.0.1:8090}") String serviceUrl,
            @Value("${mosip.signup.facegate.service-token:}") String serviceToken,
            @Value("${mosip.signup.facegate.timeout-seconds:120}") int timeoutSeconds,
            @Value("${mosip.signup.facegate.workers:8}") int workers) {
        this.verifierId = verifierId;
        this.client = new FacegateClient(serviceUrl, serviceToken, Duration.ofSeconds(timeoutSeconds));
        this.workers = Executors.newFixedThreadPool(Math.max(1, workers), runnable -> {
            Thread thread = new Thread(runnable, "facegate-esignet");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String getVerifierId() {
        return verifierId;
    }

    @Override
    public List<ProcessType> getSupportedProcessTypes() {
        return Collections.singletonList(ProcessType.VIDEO);
    }

    @Override
    public void initialize(String transactionId, IdentityVerificationInitDto dto) {
        enqueue(transactionId, () -> client.initialize(transactionId, dto));
    }

    @Override
    public void verify(String transactionId, IdentityVerificationDto dto) throws IdentityVerifierException {
        enqueue(transactionId, () -> {
            FacegateClient.VerifyAnswer answer = client.verify(transactionId, dto);
            if (answer.published) return;
            for (IdentityVerificationResult result : answer.results) publishAnalysisResult(result);
        });
    }

    @Override
    public VerificationResult getVerificationResult(String transactionId) throws IdentityVerifierException {
        if (ended.remove(transactionId)) throw new IdentityVerifierException(UNAVAILABLE);
        try {
            return client.result(transactionId);
        } catch (FacegateClient.ServiceException e) {
            throw new IdentityVerifierException(e.status == 404 ? "slot_not_found" : UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityVerifierException(UNAVAILABLE);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "facegate result unavailable: {0}", e.getClass().getSimpleName());
            throw new IdentityVerifierException(UNAVAILABLE);
        }
    }

    /** Wait until every queued call of a slot has run (tests; a drained queue is forgotten). */
    public void awaitIdle(String transactionId) {
        CompletableFuture<Void> queue = queues.get(transactionId);
        if (queue != null) queue.join();
    }

    private interface Call {
        void run() throws Exception;
    }

    private void enqueue(String slotId, Call call) {
        queues.compute(slotId, (id, previous) -> {
            CompletableFuture<Void> start = previous == null ? CompletableFuture.completedFuture(null) : previous;
            CompletableFuture<Void> next = start.thenRunAsync(() -> runSafely(id, call), workers);
            next.whenComplete((ignored, error) -> queues.remove(id, next));
            return next;
        });
    }

    private void runSafely(String slotId, Call call) {
        if (ended.contains(slotId)) return;
        try {
            call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failSlot(slotId, "interrupted");
        } catch (Exception e) {
            failSlot(slotId, e.getClass().getSimpleName());
        }
    }

    /** The service could not take the call: tell the UI and end, so the slot fails instead of hanging. */
    private void failSlot(String slotId, String why) {
        LOG.log(Level.WARNING, "facegate service call failed for a slot ({0}); ending it", why);
        ended.add(slotId);
        IDVProcessFeedback feedback = new IDVProcessFeedback();
        feedback.setType(ProcessFeedbackType.ERROR);
        feedback.setCode(UNAVAILABLE);
        publishAnalysisResult(message(slotId, null, feedback));
        IDVProcessStepDetail end = new IDVProcessStepDetail();
        end.setCode("END");
        end.setRetryableErrorCodes(Collections.emptyList());
        publishAnalysisResult(message(slotId, end, null));
    }

    private IdentityVerificationResult message(String slotId, IDVProcessStepDetail step, IDVProcessFeedback feedback) {
        IdentityVerificationResult result = new IdentityVerificationResult();
        result.setId(slotId);
        result.setVerifierId(verifierId);
        result.setStep(step);
        result.setFeedback(feedback);
        return result;
    }
}
