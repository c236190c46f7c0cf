/*
 * The archive's search page (/tim-kiem/): one search across every plan, or
 * one plan (kehoach/archive/search.py writes the form, kehoach/archive/index.py
 * the index it reads).
 *
 * The index (site/chi-muc/, JSON files) holds every plan's words, folded as
 * the plans' own search folds them (no diacritics, "đ" as "d", lowercase:
 * khTimKiem.fold of lunr.vi.min.js), sharded by term: a query fetches the
 * files of its words only (t/<hash>.json: which pages of which plan hold the
 * word, and how much), and for a word still being typed (the last one, or a
 * number) the list of words beginning like it (d/<first two letters>.json),
 * of which the EXPAND most frequent are searched too. The pages holding every
 * word are ranked by their words' weights (BM25: a rare word weighs more);
 * the sections of the first PAGES pages (p/<plan>/<page>.json: each section as
 * written) are then ordered by the tiers of the plan's own search
 * (khTimKiem.score: how many words, the phrase in order, how exactly each word
 * is written, the title, the page's boost), on the words as written; the list
 * shows them, the query's words marked, each leading to its section's anchor.
 * Every value of the index is inserted as text (textContent).
 *
 * fetch() does not read files from file://: the note the page is written with
 * then stays.
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
  var base = new URL(root + (form.getAttribute("data-index") || "chi-muc/"), location.href).href
  var separator = new RegExp(form.getAttribute("data-separator") || "[\\s\\-]+")
  var PAGES = 10    /* pages whose sections are ordered again (their text is fetched) */
  var LISTED = 20   /* sections listed */
  var EXPAND = 5    /* words an unfinished word may be, the most frequent first */
  var WINDOW = 32   /* words shown around the first match */
  var PAUSE = 60    /* ms without a keystroke before a search is sent */
  var SHORTEST = 2  /* letters a query needs: one letter matches nearly every passage */

  form.hidden = false
  status.textContent = ""

  /* The index's files, each fetched once (a missing word's file: null). */
  var files = new Map()
  function get(path) {
    if (!files.has(path))
      files.set(path, fetch(base + path).then(function (r) {
        if (r.status === 404)
          return null
        if (!r.ok)
          throw new Error(path + ": HTTP " + r.status)
        return r.json()
      }).catch(function (err) {
        files.delete(path)
        throw err
      }))
    return files.get(path)
  }

  /* kehoach/archive/index.py bucket_of and dictionary_key. */
  var utf8 = new TextEncoder()
  function bucketOf(term, buckets) {
    var h = 0x811c9dc5
    utf8.encode(term).forEach(function (byte) { h = Math.imul(h ^ byte, 0x01000193) >>> 0 })
    return h % buckets
  }
  function dictionaryKey(term) {
    return Array.from(term).slice(0, 2).map(function (c) { return c.codePointAt(0).toString(16) }).join("-")
  }

  /* The indexed words a query word stands for: itself, and if it may be
   * unfinished the most frequent words beginning like it. */
  function candidates(word) {
    var term = tools.fold(word.term)
    if (!word.prefix || Array.from(term).length < 2)
      return Promise.resolve([{term: term, exact: true}])
    return get("d/" + dictionaryKey(term) + ".json").then(function (list) {
      var out = []
      var others = []
      ;(list || []).forEach(function (row) {
        if (row[0] === term)
          out.push({term: term, exact: true})
        else if (row[0].indexOf(term) === 0)
          others.push(row)
      })
      others.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1) })
      return out.concat(others.slice(0, EXPAND).map(function (row) { return {term: row[0], exact: false} }))
    })
  }

  /* The pages (of the chosen plan, or of every plan) holding every word of the
   * query, best first: [{plan, page, score}]. */
  function find(index, query, chosen) {
    var only = -1
    var total = 0
    index.n.forEach(function (row, number) {
      if (!chosen || row[0] === chosen) {
        total += row[2]
        if (chosen) only = number
      }
    })
    return Promise.all(query.map(candidates)).then(function (lists) {
      var terms = []
      lists.forEach(function (list) { list.forEach(function (c) { terms.push(c.term) }) })
      return Promise.all(terms.map(function (term) {
        return get("t/" + bucketOf(term, index.b) + ".json")
      })).then(function (buckets) {
        var postings = new Map()
        terms.forEach(function (term, i) {
          var held = []
          ;(buckets[i] || []).forEach(function (row) {
            var flat = row[1][term]
            if (!flat || (only !== -1 && row[0] !== only))
              return
            for (var j = 0, page = 0; j < flat.length; j += 2) {
              page += flat[j]
              held.push(row[0], page, flat[j + 1])
            }
          })
          postings.set(term, held)
        })
        var found = null
        lists.forEach(function (list) {
          var best = new Map()
          list.forEach(function (c) {
            var held = postings.get(c.term) || []
            var df = held.length / 3
            var idf = Math.log(1 + (total - df + 0.5) / (df + 0.5)) * (c.exact ? 1 : 0.5)
            for (var j = 0; j < held.length; j += 3) {
              var key = held[j] + ":" + held[j + 1]
              var v = held[j + 2] * idf
              if (!(best.get(key) >= v))
                best.set(key, v)
            }
          })
          if (found === null) {
            found = best
          } else {
            var both = new Map()
            found.forEach(function (v, key) {
              if (best.has(key))
                both.set(key, v + best.get(key))
            })
            found = both
          }
        })
        var pages = []
        ;(found || new Map()).forEach(function (score, key) {
          var at = key.indexOf(":")
          pages.push({plan: +key.slice(0, at), page: +key.slice(at + 1), score: score})
        })
        return pages.sort(function (a, b) { return b.score - a.score || a.plan - b.plan || a.page - b.page })
      })
    })
  }

  function words(text) {
    return text.normalize("NFC").toLowerCase().split(separator).filter(Boolean)
  }

  /* The query as the plan's search reads it: each word may be the beginning
   * of a word (the last one, or a number). */
  function queryOf(text) {
    return tools.queryWords(words(text).map(function (w) { return w + "*" }).join(" "))
  }

  /* The sections of a page as written (kehoach/archive/index.py page_file:
   * [anchor, title, text, boost?]), in the page's order. */
  function sectionsOf(d) {
    var rows = Array.isArray(d.s) ? d.s : []
    return rows.filter(function (row) { return Array.isArray(row) && typeof row[0] === "string" })
      .map(function (row) {
        return {anchor: row[0], title: String(row[1] || ""), text: String(row[2] || ""),
                boost: typeof row[3] === "number" && isFinite(row[3]) ? row[3] : 1}
      })
  }

  /* How many of `list` (words as written) match a word of the query once both
   * are folded (the last word, or a number, as the beginning of a word). */
  function folded(list, query, hits) {
    var n = 0
    list.forEach(function (word) {
      if (!hits.has(word)) {
        var f = tools.fold(word)
        hits.set(word, query.some(function (q) {
          var t = tools.fold(q.term)
          return f === t || (q.prefix && f.indexOf(t) === 0)
        }) ? 1 : 0)
      }
      n += hits.get(word)
    })
    return n
  }

  /* Every section of the pages found that holds a word of the query, measured
   * on its words as written and ordered by the tiers; ties are broken by how
   * many of its words match as the index folds them (a title's thrice) and by
   * its page's score, half each, as the engine's own score breaks them in the
   * plan's search. */
  function order(pages, query) {
    var table = new Map()
    var hits = new Map()
    var measured = []
    pages.forEach(function (p) {
      sectionsOf(p.data).forEach(function (section) {
        var m = {
          page: p, section: section,
          title: tools.measure(words(section.title), query, table),
          text: tools.measure(words(section.text), query, table),
        }
        if (!m.title.best.some(Boolean) && !m.text.best.some(Boolean))
          return
        m.inTitle = m.title.best.every(Boolean)
        m.own = 3 * folded(words(section.title), query, hits) + folded(words(section.text), query, hits)
        measured.push(m)
      })
    })
    var top = Math.max.apply(null, measured.map(function (m) { return m.own }).concat([1e-9]))
    var topPage = Math.max.apply(null, pages.map(function (p) { return p.score }).concat([1e-9]))
    var titled = measured.filter(function (m) { return m.inTitle }).length || 1
    measured.forEach(function (m) {
      m.score = tools.score(m, query, titled, m.section.boost, (m.own / top + m.page.score / topPage) / 2)
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
    var address = String(m.page.data.u || "") + (m.section.anchor ? "#" + m.section.anchor : "")
    a.href = root + address
    a.className = "kh-find__link"
    a.textContent = m.section.title || String(m.page.data.t || "") || address
    var heading = document.createElement("h2")
    heading.className = "kh-find__title"
    heading.appendChild(a)
    li.appendChild(heading)
    var where = document.createElement("p")
    where.className = "kh-find__plan"
    where.textContent = m.page.name
    li.appendChild(where)
    li.appendChild(excerpt(m.section.text, query))
    return li
  }

  /* One search at a time: while one runs (its files fetched) the newest query
   * waits, and the ones typed in between are never sent. */
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
    if (tools.fold(words(text).join("")).length < SHORTEST) {
      waiting = null
      list.replaceChildren()
      status.textContent = "Gõ ít nhất " + SHORTEST + " chữ cái để tìm."
      return
    }
    status.textContent = "Đang tìm…"
    waiting = {mine: mine, chosen: chosen, query: query}
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
    return get("ke-hoach.json").then(function (index) {
      return find(index, job.query, job.chosen).then(function (pages) {
        if (job.mine !== asked)
          return
        var first = pages.slice(0, PAGES)
        return Promise.all(first.map(function (p) {
          var row = index.n[p.plan]
          p.name = String(row[1])
          return get("p/" + row[0] + "/" + p.page + ".json").then(function (d) { p.data = d || {} })
        })).then(function () {
          if (job.mine !== asked)
            return
          var ranked = order(first, job.query)
          var shown = ranked.slice(0, LISTED)
          list.replaceChildren.apply(list, shown.map(function (m) { return item(m, job.query) }))
          var n = pages.length
          status.textContent = n === 0 ? "Không tìm thấy trang nào chứa đủ các từ này."
            : n > PAGES ? "Tìm thấy " + n + " trang; dưới đây là " + shown.length + " đoạn khớp nhất trong "
              + PAGES + " trang đứng đầu."
            : "Tìm thấy " + n + " trang; dưới đây là " + shown.length + " đoạn khớp nhất."
        })
      })
    })
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); search() })
  input.addEventListener("input", search)
  plan.addEventListener("change", search)

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
  get("ke-hoach.json").catch(function () {})  /* fetched before the reader types */
  if (params.get("q")) {
    input.value = params.get("q")
    search()
  }
})()
