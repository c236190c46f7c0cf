/*
 * Search box helpers for Vietnamese (with lunr/min/lunr.vi.min.js, which
 * publishes `khTimKiem`).
 *
 * 1. What a reader types is turned into composed Unicode (NFC) before
 *    Material reads it on keyup: decomposed input ("nghi\u0323") and the
 *    index ("nghị") then agree.
 *    Material searches on keyup only, but an input method (Telex, VNI) that
 *    composes the last letter, a paste, autofill, dictation or a tapped
 *    suggestion changes the box with an `input` event and no keyup: every
 *    change is passed on as a keyup, so the whole query is searched (Material
 *    ignores a value it has already searched).
 * 2. When no page holds every word of the query, the results are the pages
 *    holding some of them (see lunr.vi.min.js); a note above them says so.
 * 3. In a plan built in the archive, the link to the search across every
 *    plan carries the query.
 * 4. After following a search result, Material marks the query's words on the
 *    page (?h=...) only where they are written exactly as typed; this also
 *    marks the words that were found through another form ("nghi" -> "Nghị").
 */
(function () {
  "use strict"

  var QUERY = "[data-md-component=search-query]"

  function compose(input) {
    var value = input.value
    var composed = value.normalize("NFC")
    if (composed === value)
      return
    var caret = value.slice(0, input.selectionEnd).normalize("NFC").length
    input.value = composed
    input.setSelectionRange(caret, caret)
  }

  /* A plan built in the archive links to the archive's search
   * (overrides/partials/search.html): it takes the query along. */
  var all = document.querySelector("a[data-kh-search-all]")
  var allBase = all && all.getAttribute("href")
  function searchAll(value) {
    if (all)
      all.setAttribute("href", allBase + (value.trim() ? "?q=" + encodeURIComponent(value.trim()) : ""))
  }

  function onInput(ev) {
    var target = ev.target
    if (!(target instanceof HTMLInputElement) || !target.matches(QUERY) || ev.isComposing)
      return
    compose(target)
    searchAll(target.value)
    target.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}))
  }
  document.addEventListener("input", onInput, true)
  document.addEventListener("compositionend", onInput, true)
  var input = document.querySelector(QUERY)
  if (input)
    compose(input)

  /* The best result lacks a word: no page holds them all. Material shows the
   * missing words of a result in .md-search-result__terms. */
  var list = document.querySelector(".md-search-result__list")
  var meta = document.querySelector(".md-search-result__meta")
  if (list && meta) {
    var note = document.createElement("p")
    note.className = "kh-search-partial"
    note.hidden = true
    note.textContent = "Không có trang nào chứa đủ mọi từ; dưới đây là các trang chứa một phần."
    meta.after(note)
    new MutationObserver(function () {
      var first = list.querySelector(".md-search-result__item")
      var best = first && first.querySelector(":scope > .md-search-result__link")
      note.hidden = !(best && first.querySelector(
        ":scope > .md-search-result__link .md-search-result__terms"))
    }).observe(list, {childList: true})
  }

  /* Mark words found through another form, where Material does not. */
  var terms = (new URLSearchParams(location.search).get("h") || "")
    .normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean)
  var article = document.querySelector("article.md-content__inner")
  var tools = window.khTimKiem
  if (!terms.length || !article || !tools)
    return

  function found(word) {
    var lower = word.toLowerCase()
    return terms.some(function (term) {
      return lower.indexOf(term) === -1 && tools.forms(lower).some(function (form) {
        return form.indexOf(term) === 0
      })
    })
  }

  var nodes = []
  var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT)
  for (var node = walker.nextNode(); node; node = walker.nextNode())
    if (!node.parentElement.closest("mark, script, style, .headerlink"))
      nodes.push(node)

  nodes.forEach(function (node) {
    /* Words are runs without spaces; leading and trailing punctuation stays out. */
    var pieces = node.textContent.split(/(\s+)/)
    if (!pieces.some(function (piece) { return found(piece.replace(/^[^\w\u00C0-\u1EFF]+|[^\w\u00C0-\u1EFF%]+$/g, "")) }))
      return
    var fragment = document.createDocumentFragment()
    pieces.forEach(function (piece) {
      var m = /^([^\w\u00C0-\u1EFF]*)(.*?)([^\w\u00C0-\u1EFF%]*)$/.exec(piece)
      if (!m[2] || !found(m[2])) {
        fragment.appendChild(document.createTextNode(piece))
        return
      }
      var mark = document.createElement("mark")
      mark.setAttribute("data-md-highlight", "")
      mark.textContent = m[2]
      fragment.appendChild(document.createTextNode(m[1]))
      fragment.appendChild(mark)
      fragment.appendChild(document.createTextNode(m[3]))
    })
    node.replaceWith(fragment)
  })
})()
