#!/usr/bin/env python3
"""Write the same generated news site for byline and for Hugo.

usage: gensite.py N DIR

DIR/byline is a byline site and DIR/hugo a Hugo site with minimal layouts,
each with N articles in 5 sections; each article names and quotes people
from a knowledge base of N/5 entities (byline links and attributes them;
Hugo just renders the Markdown). The text matches writeBenchSite in
site/bench_test.go in shape, not byte for byte.
"""
import os
import random
import sys

n, root = int(sys.argv[1]), sys.argv[2]
random.seed(1)
first = ["Ana", "Daniel", "Mira", "Rafael", "Tomasz", "Priya", "Ingrid", "Helen", "Marcus", "Jonah"]
last = ["Ruiz", "Okafor", "Lindqvist", "Quintero", "Wierzbicki", "Raghunathan", "Solberg", "Achterberg", "Oyelaran", "Feldstein"]
ents = max(n // 5, 10)
names = [f"{first[i % 10]} {last[i % 10]}{i}" for i in range(ents)]
sections = ["city", "business", "science", "culture", "sports"]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


b, h = f"{root}/byline", f"{root}/hugo"
for i, name in enumerate(names):
    write(f"{b}/content/entities/p{i}.md", f"---\nname: {name}\nkind: person\nrole: Council member\n---\n{name} serves on the council.\n")
write(f"{h}/hugo.toml", 'baseURL = "http://localhost/"\ntitle = "Bench"\npaginate = 10\n')
write(f"{h}/layouts/_default/baseof.html",
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>'
      '<meta name="description" content="{{.Summary}}"><link rel="canonical" href="{{.Permalink}}"></head>'
      '<body><header><a href="/">{{site.Title}}</a></header><main>{{block "main" .}}{{end}}</main></body></html>')
write(f"{h}/layouts/_default/single.html",
      '{{define "main"}}<article><h1>{{.Title}}</h1><p>{{.Date.Format "January 2, 2006"}}</p>{{.Content}}'
      '<p>{{range .Params.tags}}<a href="/tags/{{.|urlize}}/">{{.}}</a> {{end}}</p></article>{{end}}')
write(f"{h}/layouts/_default/list.html",
      '{{define "main"}}<h1>{{.Title}}</h1>{{range .Paginator.Pages}}<article><h2><a href="{{.RelPermalink}}">'
      '{{.Title}}</a></h2><p>{{.Summary}}</p></article>{{end}}{{template "_internal/pagination.html" .}}{{end}}')
for i in range(n):
    text = (f"---\ntitle: Story number {i}\ndate: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\nauthors: [Lena Voss]\n"
            f"summary: A generated story.\ntags: [tag{i % 50}, common]\n---\n")
    for p in range(8):
        who = names[random.randrange(ents)]
        text += (f"Paragraph {p} of the story, in which {who} met officials to discuss the harbor budget "
                 f"and its many line items for the coming year.\n\n")
        text += f"\"We will keep working on this until it is done,\" {who} said. \"Nobody should expect miracles.\"\n\n"
    text += "```go\nfunc main() { println(\"hello\") }\n```\n"
    write(f"{b}/content/articles/{sections[i % 5]}/story-{i}.md", text)
    write(f"{h}/content/{sections[i % 5]}/story-{i}.md", text)
