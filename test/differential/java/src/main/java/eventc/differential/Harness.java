package eventc.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Reads JSON lines {@code {"id", "reader", "writer"}} (schemas as JSON values) from standard
 * input and prints, per line, {@code {"id", "compatible", "incompatibilities": [{"type",
 * "location", "message"}]}} as computed by Apache Avro's
 * {@link SchemaCompatibility#checkReaderWriterCompatibility}. A pair whose schemas Avro
 * refuses to parse yields {@code {"id", "error"}}.
 */
public final class Harness {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Harness() {}

  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    BufferedWriter out =
        new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) continue;
      JsonNode pair = JSON.readTree(line);
      out.write(JSON.writeValueAsString(check(pair)));
      out.newLine();
    }
    out.flush();
  }

  private static ObjectNode check(JsonNode pair) {
    ObjectNode result = JSON.createObjectNode();
    result.set("id", pair.get("id"));
    try {
      Schema reader = new Schema.Parser().parse(pair.get("reader").toString());
      Schema writer = new Schema.Parser().parse(pair.get("writer").toString());
      SchemaPairCompatibility compat =
          SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
      result.put(
          "compatible",
          compat.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
      ArrayNode list = result.putArray("incompatibilities");
      for (Incompatibility i : compat.getResult().getIncompatibilities()) {
        ObjectNode item = list.addObject();
        item.put("type", i.getType().name());
        item.put("location", i.getLocation());
        item.put("message", i.getMessage());
      }
    } catch (RuntimeException e) {
      result.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return result;
  }
}
