// A KB entry as a Guide article: escaping first (no answer text ever becomes markup), then paragraphs,
// line breaks and links.
import { describe, expect, it } from "vitest";
import { answerHtml, articleFrom, escapeHtml, labelsOf } from "../../../worker/src/kb/kb.article";

describe("answerHtml", () => {
  it("escapes every character HTML gives a meaning to", () => {
    expect(escapeHtml(`<b>"Tom" & 'Jerry'</b>`)).toBe(
      "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;",
    );
    expect(answerHtml(`<script>alert("x")</script> & <img src=x onerror=alert(1)>`)).toBe(
      "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;</p>",
    );
    // An entity written in the answer stays text, not the character it names.
    expect(answerHtml("AT&amp;T &lt;3")).toBe("<p>AT&amp;amp;T &amp;lt;3</p>");
  });

  it("makes paragraphs at blank lines and <br> at single line breaks, whatever the line endings", () => {
    expect(answerHtml("Hello.\r\n\r\nWe ship to:\r\n- Denmark\r\n- Sweden\n \n\n\nThanks!  ")).toBe(
      "<p>Hello.</p>\n<p>We ship to:<br>- Denmark<br>- Sweden</p>\n<p>Thanks!</p>",
    );
    expect(answerHtml("One line")).toBe("<p>One line</p>");
    expect(answerHtml("  \n\n  ")).toBe("");
  });

  it("links bare http(s) URLs, leaving the sentence's punctuation and an unopened parenthesis outside", () => {
    expect(answerHtml("See https://shop.example/returns?lang=en&x=1.")).toBe(
      '<p>See <a href="https://shop.example/returns?lang=en&amp;x=1">https://shop.example/returns?lang=en&amp;x=1</a>.</p>',
    );
    expect(answerHtml("(details: https://example.com/a_(b))")).toBe(
      '<p>(details: <a href="https://example.com/a_(b)">https://example.com/a_(b)</a>)</p>',
    );
    expect(answerHtml("Two: http://a.example, https://b.example!")).toBe(
      '<p>Two: <a href="http://a.example">http://a.example</a>, <a href="https://b.example">https://b.example</a>!</p>',
    );
  });

  it("links Markdown links to http(s) only; other schemes stay text", () => {
    expect(answerHtml("Read [our <policy>](https://shop.example/policy) first")).toBe(
      '<p>Read <a href="https://shop.example/policy">our &lt;policy&gt;</a> first</p>',
    );
    expect(answerHtml("[click](javascript:alert(1)) or javascript:alert(2)")).toBe(
      "<p>[click](javascript:alert(1)) or javascript:alert(2)</p>",
    );
    // A quote cannot close the attribute: bare URLs stop before it, and what is left is escaped.
    expect(answerHtml(`https://x.example/"onmouseover="alert(1)`)).toBe(
      '<p><a href="https://x.example/">https://x.example/</a>&quot;onmouseover=&quot;alert(1)</p>',
    );
  });
});

describe("articleFrom", () => {
  it("titles the article with the question on one line and labels it with the topics, each once", () => {
    expect(
      articleFrom({
        question: "  Which countries\n do you ship to? ",
        answer: "All of the EU.",
        topics: ["shipping", " Shipping ", "", "EU"],
      }),
    ).toEqual({
      title: "Which countries do you ship to?",
      bodyHtml: "<p>All of the EU.</p>",
      labels: ["shipping", "EU"],
    });
    expect(labelsOf([])).toEqual([]);
  });
});
