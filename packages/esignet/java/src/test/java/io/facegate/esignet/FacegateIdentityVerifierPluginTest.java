package io.facegate.esignet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosip.signup.api.dto.FrameDetail;
import io.mosip.signup.api.dto.IdentityVerificationDto;
import io.mosip.signup.api.dto.IdentityVerificationInitDto;
import io.mosip.signup.api.dto.IdentityVerificationResult;
import io.mosip.signup.api.dto.VerificationResult;
import io.mosip.signup.api.exception.IdentityVerifierException;
import io.mosip.signup.api.util.ProcessFeedbackType;
import io.mosip.signup.api.util.VerificationStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The plugin against the real facegate eSignet service on loopback (started
 * by the TypeScript test that runs this class; its URL, token and a frame come
 * as system properties). What signup-service would publish to Kafka is caught
 * by overriding {@code publishAnalysisResult}.
 */
public class FacegateIdentityVerifierPluginTest {

    private static String url;
    private static String token;
    private static String frame;

    /** The plugin with its Kafka publishing captured. */
    static final class Captured extends FacegateIdentityVerifierPlugin {
        final List<IdentityVerificationResult> published = new CopyOnWriteArrayList<>();

        Captured(String token) {
            super("facegate", url, token, 30, 2);
        }

        @Override
        protected void publishAnalysisResult(IdentityVerificationResult result) {
            published.add(result);
        }
    }

    @BeforeClass
    public static void readSettings() throws Exception {
        url = System.getProperty("facegate.test.url");
        token = System.getProperty("facegate.test.token");
        frame = new String(Files.readAllBytes(Paths.get(System.getProperty("facegate.test.frame"))), "US-ASCII").trim();
        assertNotNull("facegate.test.url", url);
    }

    private static IdentityVerificationDto message(String stepCode, int firstOrder, int count) {
        List<FrameDetail> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FrameDetail f = new FrameDetail();
            f.setFrame(frame);
            f.setOrder(firstOrder + i);
            frames.add(f);
        }
        IdentityVerificationDto dto = new IdentityVerificationDto();
        dto.setStepCode(stepCode);
        dto.setFrames(frames);
        return dto;
    }

    private static IdentityVerificationInitDto init() {
        IdentityVerificationInitDto dto = new IdentityVerificationInitDto();
        dto.setIndividualId("individual-42");
        return dto;
    }

    private static String code(IdentityVerificationResult r) {
        if (r.getStep() != null && r.getFeedback() == null) return r.getStep().getCode();
        return r.getFeedback().getCode();
    }

    @Test
    public void runsAWholeSlotAndReturnsTheResult() {
        Captured plugin = new Captured(token);
        String slot = "slot-" + UUID.randomUUID();
        plugin.initialize(slot, init());
        plugin.verify(slot, message("START", 0, 0));
        plugin.awaitIdle(slot);
        assertEquals(1, plugin.published.size());
        IdentityVerificationResult first = plugin.published.get(0);
        assertEquals(slot, first.getId());
        assertEquals("facegate", first.getVerifierId());
        assertEquals("liveness_check", first.getStep().getCode());
        assertEquals(10, first.getStep().getFramesPerSecond());
        assertEquals(ProcessFeedbackType.MESSAGE, first.getFeedback().getType());
        assertEquals("look_straight", first.getFeedback().getCode());

        // signup-ui: fps frames per message, order counting on.
        for (int batch = 0; batch < 8; batch++) plugin.verify(slot, message("liveness_check", batch * 10, 10));
        plugin.awaitIdle(slot);
        List<String> codes = new ArrayList<>();
        for (IdentityVerificationResult r : plugin.published.subList(1, plugin.published.size())) codes.add(code(r));
        assertEquals(codes.toString(), 4, codes.size());
        assertTrue(codes.toString(), codes.get(0).matches("turn_left|turn_right|blink"));
        assertTrue(codes.toString(), codes.get(1).matches("turn_left|turn_right|blink"));
        assertTrue("the service requires a blink by default: " + codes, codes.subList(0, 2).contains("blink"));
        assertEquals("success_check", codes.get(2));
        assertEquals("END", codes.get(3));

        VerificationResult result = plugin.getVerificationResult(slot);
        assertEquals(VerificationStatus.COMPLETED, result.getStatus());
        assertNull(result.getErrorCode());
        JsonNode name = result.getVerifiedClaims().get("fullName");
        assertEquals("test-framework", name.path("trust_framework").asText());
        assertEquals("facegate-liveness", name.path("verification_process").asText());
        assertFalse(name.path("time").asText().isEmpty());
    }

    @Test
    public void badInputComesBackAsErrorFeedback() {
        Captured plugin = new Captured(token);
        String slot = "slot-" + UUID.randomUUID();
        plugin.initialize(slot, init());
        plugin.verify(slot, message("START", 0, 0));
        IdentityVerificationDto empty = message("liveness_check", 0, 3);
        empty.getFrames().get(1).setFrame("");
        plugin.verify(slot, empty);
        plugin.verify(slot, message("id_verification", 0, 3));
        plugin.awaitIdle(slot);
        assertEquals(3, plugin.published.size());
        assertEquals(ProcessFeedbackType.ERROR, plugin.published.get(1).getFeedback().getType());
        assertEquals("invalid_frame", plugin.published.get(1).getFeedback().getCode());
        assertEquals("invalid_step_code", plugin.published.get(2).getFeedback().getCode());
    }

    @Test
    public void anUnknownSlotHasNoResult() {
        try {
            new Captured(token).getVerificationResult("never-seen-" + UUID.randomUUID());
            fail("expected IdentityVerifierException");
        } catch (IdentityVerifierException e) {
            assertEquals("slot_not_found", e.getErrorCode());
        }
    }

    @Test
    public void aServiceThatRefusesTheCallEndsTheSlotClosed() {
        Captured plugin = new Captured("wrong-token-wrong-token");
        String slot = "slot-" + UUID.randomUUID();
        plugin.initialize(slot, init());
        plugin.verify(slot, message("START", 0, 0));
        plugin.verify(slot, message("liveness_check", 0, 10));
        plugin.awaitIdle(slot);
        assertEquals(2, plugin.published.size());
        assertEquals("verifier_unavailable", plugin.published.get(0).getFeedback().getCode());
        assertEquals("END", plugin.published.get(1).getStep().getCode());
        try {
            plugin.getVerificationResult(slot);
            fail("expected IdentityVerifierException");
        } catch (IdentityVerifierException e) {
            assertEquals("verifier_unavailable", e.getErrorCode());
        }
    }

    @Test
    public void serviceMessagesBindStrictlyToTheEsignetDtos() throws Exception {
        // signup-service's Kafka consumer binds the JSON to IdentityVerificationResult: no field may be unknown.
        ObjectMapper strict = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        HttpClient http = HttpClient.newHttpClient();
        String slot = "slot-" + UUID.randomUUID();
        String auth = "Bearer " + token;
        for (String body : new String[] {
            "{\"slotId\":\"" + slot + "\",\"individualId\":\"x\"}",
        }) {
            http.send(HttpRequest.newBuilder(URI.create(url + "/v1/esignet/initialize"))
                    .header("content-type", "application/json").header("authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/esignet/verify"))
                .header("content-type", "application/json").header("authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString("{\"slotId\":\"" + slot + "\",\"stepCode\":\"START\",\"frames\":[]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        JsonNode results = strict.readTree(answer.body()).path("results");
        assertEquals(1, results.size());
        IdentityVerificationResult result = strict.treeToValue(results.get(0), IdentityVerificationResult.class);
        assertEquals("liveness_check", result.getStep().getCode());
        HttpResponse<String> verdict = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/esignet/result"))
                .header("content-type", "application/json").header("authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString("{\"slotId\":\"" + slot + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        VerificationResult pending = strict.readValue(verdict.body(), VerificationResult.class);
        assertEquals(VerificationStatus.STARTED, pending.getStatus());
    }
}
