package io.facegate.esignet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosip.signup.api.dto.IdentityVerificationDto;
import io.mosip.signup.api.dto.IdentityVerificationInitDto;
import io.mosip.signup.api.dto.IdentityVerificationResult;
import io.mosip.signup.api.dto.VerificationResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The facegate eSignet service over HTTP: the three verifier operations, JSON in and out. */
public class FacegateClient {

    /** What {@code /verify} answers: the messages to publish, and whether the service published them already. */
    public static final class VerifyAnswer {
        public final List<IdentityVerificationResult> results;
        public final boolean published;

        VerifyAnswer(List<IdentityVerificationResult> results, boolean published) {
            this.results = results;
            this.published = published;
        }
    }

    /** The service answered with an error status (its JSON {@code error} code is kept). */
    public static final class ServiceException extends IOException {
        private static final long serialVersionUID = 1L;
        public final int status;
        public final String code;

        ServiceException(int status, String code) {
            super("facegate service answered " + status + " " + code);
            this.status = status;
            this.code = code;
        }
    }

    private static final int BUSY_RETRIES = 3;

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public FacegateClient(String serviceUrl, String token, Duration timeout) {
        String url = serviceUrl.endsWith("/") ? serviceUrl.substring(0, serviceUrl.length() - 1) : serviceUrl;
        this.base = URI.create(url + "/v1/esignet/");
        this.token = token == null ? "" : token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public void initialize(String slotId, IdentityVerificationInitDto dto) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("slotId", slotId);
        body.put("individualId", dto == null ? null : dto.getIndividualId());
        body.put("disabilityType", dto == null ? null : dto.getDisabilityType());
        post("initialize", body);
    }

    public VerifyAnswer verify(String slotId, IdentityVerificationDto dto) throws IOException, InterruptedException {
        ObjectNode body = json.valueToTree(dto);
        body.put("slotId", slotId);
        JsonNode answer = post("verify", body);
        List<IdentityVerificationResult> results = new ArrayList<>();
        for (JsonNode node : answer.path("results")) results.add(json.treeToValue(node, IdentityVerificationResult.class));
        return new VerifyAnswer(results, answer.path("published").asBoolean(false));
    }

    public VerificationResult result(String slotId) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("slotId", slotId);
        return json.treeToValue(post("result", body), VerificationResult.class);
    }

    private JsonNode post(String operation, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(operation))
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (!token.isEmpty()) request.header("authorization", "Bearer " + token);
        for (int attempt = 0; ; attempt++) {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status / 100 == 2) return json.readTree(response.body());
            if (status == 503 && attempt < BUSY_RETRIES) {
                long seconds = response.headers().firstValueAsLong("retry-after").orElse(1L);
                Thread.sleep(Math.min(Math.max(seconds, 1L), 10L) * 1000L);
                continue;
            }
            String code = "http_" + status;
            try {
                code = json.readTree(response.body()).path("error").asText(code);
            } catch (IOException notJson) {
                // keep http_<status>
            }
            throw new ServiceException(status, code);
        }
    }
}
