package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.core.RandomEdits;
import it.tavolo.core.Seeds;
import it.tavolo.core.anchor.Anchor;
import it.tavolo.core.anchor.AnchorTransform;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.text.TextOperation;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browser carries thread anchors exactly as the server does: random anchors and random
 * batches (edits with emoji, ties at both ends, deletions of the whole passage, the entity
 * deleted), carried by the Java core and by webroot/js/engine/anchors.js in headless Chromium.
 */
class AnchorsInBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theBrowserCarriesAnchorsThroughBatchesExactlyAsTheServerDoes() throws Exception {
    ArrayNode cases = JSON.createArrayNode();
    Seeds.forEach(800_000, 400, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "x", 1);
      String text = gen.randomString(2 + r.nextInt(10));
      int start = r.nextInt(text.length());
      int end = start + 1 + r.nextInt(text.length() - start);
      Anchor a = Anchor.passage("sections", "s1", "body", start, end, text.substring(start, end));
      ObjectNode c = cases.addObject();
      c.put("seed", seed);
      c.set("anchor", json(a));
      ArrayNode batches = c.putArray("batches");
      for (int i = 0; i < 12; i++) {
        Op op;
        if (r.nextInt(40) == 0) {
          op = new Op.Delete("sections", "s1");
        } else {
          TextOperation e = gen.textEdit(text);
          text = e.apply(text);
          op = new Op.Text("sections", "s1", "body", e);
        }
        a = AnchorTransform.through(a, List.of(op));
        batches.add(OpCodec.encodeBatch(List.of(op)));
        if (op instanceof Op.Delete) break;
      }
      c.set("expected", json(a));
    });
    try (var server = new ClasspathStaticServer(Map.of("/", "webroot/"))) {
      ChromeDriver browser = Browsers.headless();
      try {
        browser.get(server.url("/index.html"));
        Object got = browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "import('/js/engine/anchors.js').then(m => {"
                + "  const cases = JSON.parse(arguments[0]);"
                + "  const wrong = [];"
                + "  for (const c of cases) {"
                + "    let a = c.anchor;"
                + "    for (const b of c.batches) a = m.carryAnchor(a, b);"
                + "    const e = c.expected;"
                + "    const same = a.live === e.live && a.quote === e.quote && (!e.live || (a.start === e.start && a.end === e.end));"
                + "    if (!same) wrong.push({ seed: c.seed, got: a, expected: e });"
                + "  }"
                + "  done(JSON.stringify({ ran: cases.length, wrong: wrong.slice(0, 5) }));"
                + "}, err => done(JSON.stringify({ error: String(err) })));", cases.toString());
        var answer = JSON.readTree(String.valueOf(got));
        assertEquals("", answer.path("error").asText(""), "the module loads");
        assertEquals(cases.size(), answer.path("ran").asInt(), "every case ran");
        assertEquals("[]", answer.path("wrong").toString(), "cases where the browser differs (seed, got, expected)");
      } finally {
        browser.quit();
      }
    }
  }

  private static ObjectNode json(Anchor a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("coll", a.coll()).put("id", a.id()).put("field", a.field()).put("start", a.start()).put("end", a.end())
        .put("quote", a.quote()).put("live", a.live());
    return o;
  }
}
