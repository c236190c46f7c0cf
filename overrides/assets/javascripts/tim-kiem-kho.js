/*
 * The archive's search page (/tim-kiem/): one search across every plan, or
 * one plan (kehoach/archive/search.py writes the index and the form).
 *
 * Pagefind (site/pagefind/, its own script and WebAssembly, local files; one
 * plan's own bundle in site/pagefind/ke-hoach/<id>/) finds the pages of the
 * plans holding the query's words, as folded as the index (no diacritics, "đ"
 * as "d", lowercase: khTimKiem.fold of lunr.vi.min.js, the same as the plan's
 * own search). Each indexed page is one page of a plan, its sections and
 * footnotes under headings carrying their anchors, so Pagefind's sub-results
 * name the sections holding the words; the page's metadata holds each section
 * as written (search.py sections_meta). The sections of the first pages found
 * are ordered by the tiers of the plan's own search (khTimKiem.score: how
 * many words, the phrase in order, how exactly each word is written, the
 * title, the page's boost), on the words as written; the list shows them, the
 * query's words marked, each leading to its section's anchor. Every value of
 * the index is inserted as text (textContent).
 *
 * Pagefind does not run from file:// (fetch and WebAssembly): the note the
 * page is written with then stays.
 */
(function () {
  "use strict"

  var form = document.getElementById("tim-kiem-kho")
  var tools = window.khTimKiem
  if (!form || !tools || location.protocol === "file:")
    return
  var input = document.getElementById("tu-khoa")
  var plan = document.getElementById("trong-ke-hoach")
  var status = document.getElementById("ket-qua-trang-thai")
  var list = document.getElementById("ket-qua")
  var root = form.getAttribute("data-root") || "../"
  /* import() resolves from this script's address: the bundles', from the page's. */
  var bundle = new URL(root + "pagefind/", location.href).href
  var plans = new URL(root + (form.getAttribute("data-plan-bundles") || "pagefind/ke-hoach/"), location.href).href
  var separator = new RegExp(form.getAttribute("data-separator") || "[\\s\\-]+")
  var PAGES = 10    /* pages whose sections are ordered again (their text is fetched) */
  var LISTED = 20   /* sections listed */
  var WINDOW = 32   /* words shown around the first match */
  var PAUSE = 60    /* ms without a keystroke before a search is sent */
  var SHORTEST = 2  /* letters a query needs: one letter matches nearly every passage */

  form.hidden = false
  status.textContent = ""

  /* One Pagefind instance per bundle: the archive's (every plan), or one plan's
   * own (site/pagefind/ke-hoach/<id>/), made and started (its WebAssembly and
   * page list loaded) before the reader types. */
  var code = null
  var engines = new Map()
  function pagefind(id) {
    if (!code)
      code = import(bundle + "pagefind.js")
    if (!engines.has(id))
      engines.set(id, code.then(function (pf) {
        var one = pf.createInstance({basePath: id ? plans + id + "/" : bundle})
        return one.options({excerptLength: 0}).then(function () { return one.init() })
          .then(function () { return one })
      }))
    return engines.get(id)
  }

  function words(text) {
    return text.normalize("NFC").toLowerCase().split(separator).filter(Boolean)
  }

  /* The query as the plan's search reads it: each word may be the beginning
   * of a word (the last one, or a number). */
  function queryOf(text) {
    return tools.queryWords(words(text).map(function (w) { return w + "*" }).join(" "))
  }

  /* The sections of a page as written (kehoach/archive/search.py
   * sections_meta: [anchor, title, text, boost?]), by anchor ("" the page's own). */
  function sectionsOf(d) {
    var table = new Map()
    var rows
    try { rows = JSON.parse(d.meta.s || "[]") } catch (e) { rows = [] }
    if (!Array.isArray(rows))
      rows = []
    rows.forEach(function (row) {
      if (Array.isArray(row) && typeof row[0] === "string")
        table.set(row[0], {anchor: row[0], title: String(row[1] || ""), text: String(row[2] || ""),
                           boost: typeof row[3] === "number" && isFinite(row[3]) ? row[3] : 1})
    })
    return table
  }

  /* Every section of the pages found that holds a word of the query (Pagefind's
   * sub-results: one per heading with an id, the page's own text before the
   * first), measured on its words as written and ordered by the tiers;
   * Pagefind's weight of the section's words breaks ties. */
  function order(data, query) {
    var table = new Map()
    var measured = []
    data.forEach(function (d) {
      var sections = sectionsOf(d)
      ;(d.sub_results || []).forEach(function (sub) {
        var section = sections.get(sub.anchor ? sub.anchor.id : "")
        if (!section)
          return
        var m = {
          page: d, section: section,
          title: tools.measure(words(section.title), query, table),
          text: tools.measure(words(section.text), query, table),
          own: (sub.weighted_locations || []).reduce(function (a, w) { return a + (w.balanced_score || 0) }, 0),
        }
        if (!m.title.best.some(Boolean) && !m.text.best.some(Boolean))
          return
        m.inTitle = m.title.best.every(Boolean)
        measured.push(m)
      })
    })
    var top = Math.max.apply(null, measured.map(function (m) { return m.own }).concat([1e-9]))
    var titled = measured.filter(function (m) { return m.inTitle }).length || 1
    measured.forEach(function (m) {
      m.score = tools.score(m, query, titled, m.section.boost, m.own / top)
    })
    return measured.sort(function (a, b) { return b.score - a.score })
  }

  /* A piece of the passage around its first matching word, matches marked. */
  function excerpt(text, query) {
    var pieces = text.split(/(\s+)/)
    var table = new Map()
    function matches(piece) {
      var word = piece.toLowerCase().replace(/^[^\w\u00C0-\u1EFF]+|[^\w\u00C0-\u1EFF%]+$/g, "")
      if (!word)
        return false
      if (!table.has(word))
        table.set(word, tools.measure([word], query, new Map()).best.some(Boolean))
      return table.get(word)
    }
    /* Around the longest run of matching words (the phrase where the passage
     * holds it), not merely the first word that matches one of the query's. */
    var first = -1
    var longest = 0
    for (var i = 0; i < pieces.length; i += 2) {  /* words at even places ("" first if the text opens with a space) */
      var run = 0
      while (i + 2 * run < pieces.length && matches(pieces[i + 2 * run]))
        run++
      if (run > longest) {
        longest = run
        first = i
      }
      i += 2 * Math.max(run - 1, 0)
    }
    var start = Math.max(0, (first < 0 ? 0 : first) - WINDOW)  /* pieces: word, space, word... */
    start -= start % 2
    var end = Math.min(pieces.length, start + WINDOW * 2)
    var p = document.createElement("p")
    p.className = "kh-find__excerpt"
    if (start > 0)
      p.appendChild(document.createTextNode("… "))
    pieces.slice(start, end).forEach(function (piece) {
      if (matches(piece)) {
        var mark = document.createElement("mark")
        mark.textContent = piece
        p.appendChild(mark)
      } else {
        p.appendChild(document.createTextNode(piece))
      }
    })
    if (end < pieces.length)
      p.appendChild(document.createTextNode(" …"))
    return p
  }

  function item(m, query) {
    var li = document.createElement("li")
    li.className = "kh-find__result"
    var a = document.createElement("a")
    var address = (m.page.meta.u || "") + (m.section.anchor ? "#" + m.section.anchor : "")
    a.href = root + address
    a.className = "kh-find__link"
    a.textContent = m.section.title || m.page.meta.title || address
    var heading = document.createElement("h2")
    heading.className = "kh-find__title"
    heading.appendChild(a)
    li.appendChild(heading)
    var where = document.createElement("p")
    where.className = "kh-find__plan"
    where.textContent = m.page.meta.p || ""
    li.appendChild(where)
    li.appendChild(excerpt(m.section.text, query))
    return li
  }

  /* One search at a time: Pagefind cannot stop a search it began, so while one
   * runs the newest query waits, and the ones typed in between are never sent. */
  var asked = 0
  var running = false
  var waiting = null
  var timer = 0

  function search() {
    var text = input.value.normalize("NFC")
    if (text !== input.value)
      input.value = text
    var chosen = plan.value
    var url = new URL(location.href)
    url.searchParams.set("q", text)
    if (chosen) url.searchParams.set("ke-hoach", chosen)
    else url.searchParams.delete("ke-hoach")
    history.replaceState(null, "", url)
    var query = queryOf(text)
    var mine = ++asked
    clearTimeout(timer)
    if (!query.length) {
      waiting = null
      list.replaceChildren()
      status.textContent = ""
      return
    }
    var folded = tools.fold(words(text).join(" "))
    if (folded.replace(/\s/g, "").length < SHORTEST) {
      waiting = null
      list.replaceChildren()
      status.textContent = "Gõ ít nhất " + SHORTEST + " chữ cái để tìm."
      return
    }
    status.textContent = "Đang tìm…"
    waiting = {mine: mine, folded: folded, chosen: chosen, query: query}
    timer = setTimeout(next, PAUSE)
  }

  function next() {
    if (running || !waiting)
      return
    var job = waiting
    waiting = null
    running = true
    run(job).catch(function (err) {
      if (job.mine !== asked)
        return
      status.textContent = "Không tải được chỉ mục tìm kiếm."
      console.warn("Search:", err)
    }).then(function () {
      running = false
      next()
    })
  }

  function run(job) {
    return pagefind(job.chosen).then(function (pf) {
      return pf.search(job.folded)
    }).then(function (answer) {
      if (job.mine !== asked || !answer)
        return
      var found = answer.results.slice(0, PAGES)
      return Promise.all(found.map(function (r) { return r.data() })).then(function (data) {
        if (job.mine !== asked)
          return
        var ranked = order(data, job.query)
        var shown = ranked.slice(0, LISTED)
        list.replaceChildren.apply(list, shown.map(function (m) { return item(m, job.query) }))
        var n = answer.results.length
        status.textContent = n === 0 ? "Không tìm thấy trang nào chứa đủ các từ này."
          : n > PAGES ? "Tìm thấy " + n + " trang; dưới đây là " + shown.length + " đoạn khớp nhất trong "
            + PAGES + " trang đứng đầu."
          : "Tìm thấy " + n + " trang; dưới đây là " + shown.length + " đoạn khớp nhất."
      })
    })
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); search() })
  input.addEventListener("input", search)
  plan.addEventListener("change", function () { pagefind(plan.value); search() })

  /* Arrow keys move between the box and the results. */
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp")
      return
    var links = Array.prototype.slice.call(list.querySelectorAll("a.kh-find__link"))
    var at = links.indexOf(document.activeElement)
    if (document.activeElement === input && ev.key === "ArrowDown" && links.length) {
      links[0].focus()
    } else if (at !== -1) {
      (ev.key === "ArrowDown" ? links[Math.min(at + 1, links.length - 1)] : at === 0 ? input : links[at - 1]).focus()
    } else {
      return
    }
    ev.preventDefault()
  })

  var params = new URLSearchParams(location.search)
  var wanted = params.get("ke-hoach")
  if (wanted && Array.prototype.some.call(plan.options, function (o) { return o.value === wanted }))
    plan.value = wanted
  pagefind(plan.value)  /* started before the reader types */
  if (params.get("q")) {
    input.value = params.get("q")
    search()
  }
})()
