"""The timeline dashboard: `make dashboard` (streamlit run dashboard.py) on the seeds or any folder.

Thin on purpose: reading articles, filtering, drawing, exporting and the evidence card all live in
``timeline/``; this file lays out the page and keeps the view in the URL.

Environment: TIMELINE_CORPUS (folder or file to open, default "seeds"); TIMELINE_ROOTS (more folders that
may be opened, separated like PATH: nothing outside them and the corpus is read); TIMELINE_EVENTS (a saved
event table, .parquet or .pkl, or an event store folder, opened instead of parsing: for big tables and
benchmarks). An event store (``timeline.store``) is also opened as "A folder"; it is queried with DuckDB
(``timeline.store_query``), never loaded whole.

Nothing from the data or the URL is read as markup: every such text shown through Streamlit's Markdown goes
through ``markdown_text``; the chart escapes its own.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

st.set_page_config(page_title="timeline · who did what when", page_icon="🗓️", layout="wide",
                   initial_sidebar_state="expanded")

from timeline import schema, store_view as SV, view as V  # noqa: E402
from timeline.evidence import evidence_html  # noqa: E402
from timeline.export import camera_config, describe_filter, export_filename, figure_bytes  # noqa: E402
from timeline.figure import timeline_figure  # noqa: E402
from timeline.figure_density import selected_span  # noqa: E402
from timeline.filters import FILTERS, apply_filter, wanted_actors  # noqa: E402
from timeline.actors.overrides import Overrides, OverridesError, find as find_overrides, load as load_overrides  # noqa: E402,E501
from timeline.markup import markdown_text  # noqa: E402
from timeline.roots import FolderRoots  # noqa: E402
from timeline.store import StoreLayout, is_store, python_lists  # noqa: E402
from timeline.uploads import UploadFolder, remove_stale_folders  # noqa: E402

DEFAULT_CORPUS = os.environ.get("TIMELINE_CORPUS", "seeds")
if not Path(DEFAULT_CORPUS).exists() and (Path(__file__).parent / DEFAULT_CORPUS).exists():
    DEFAULT_CORPUS = str(Path(__file__).parent / DEFAULT_CORPUS)    # started from another folder
ROOTS = FolderRoots.from_environment(DEFAULT_CORPUS)     # what "A folder" and ?corpus= may open
TABLE_ROWS = 10_000          # rows listed under the chart (the downloads hold every row)
PAGE_ROWS = 100              # rows per page of an event store's table
UPLOAD_TYPES = ["txt", "md", "markdown", "html", "htm", "jsonl", "csv"]


# ------------------------------------------------------------------------------------ data --

@st.cache_data(show_spinner=False, max_entries=8)
def load_corpus(digest: str, _paths: tuple[str, ...], edits: tuple[tuple[str, object], ...] = ()):
    """The corpus under ``_paths``, parsed once per content ``digest`` (and publication-date edits)."""
    from timeline.corpus import read_corpus
    if edits:
        corpus = load_corpus(digest, _paths)
        for doc, published in edits:
            if doc in corpus.documents:
                corpus = corpus.with_published(doc, published)
        return corpus
    bar = st.progress(0.0, text="Reading articles …")

    def report(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"Reading articles … {done:,} of {total:,}")
    try:
        try:
            return read_corpus(list(_paths), on_progress=report)
        except OverridesError:        # said above the chart (refused_actors_file); the articles still open
            return read_corpus(list(_paths), on_progress=report, actors_file=Overrides())
    finally:
        bar.empty()


@st.cache_data(show_spinner=False, max_entries=8)
def refused_actors_file(digest: str, _paths: tuple[str, ...]) -> str:
    """Why the actors.yaml beside the articles is not used ("" when there is none, or it is fine); read once per
    content ``digest``, which covers that file too."""
    try:
        load_overrides(find_overrides(_paths))
    except OverridesError as err:
        return str(err)
    return ""


@st.cache_resource(show_spinner="Opening the event table …", max_entries=4)
def load_event_table(path: str, mtime: float) -> pd.DataFrame:
    """A saved event table (never modified here, so shared without copying)."""
    frame = pd.read_parquet(path) if path.endswith(".parquet") else pd.read_pickle(path)
    if "actors" in frame:      # Parquet gives lists back as arrays
        frame["actors"] = python_lists(frame["actors"])
    return schema.events_frame(frame)


@st.cache_resource(show_spinner="Opening the event store …", max_entries=2)
def open_store(path: str, signature: tuple):
    """An event store, opened once per state of its files (``signature``): its index is built here."""
    from timeline.store_query import EventStore
    return EventStore(path)


def store_signature(path: str) -> tuple:
    layout = StoreLayout(Path(path))
    return V.stat_signature([str(layout.events), str(layout.manifest)])


@st.cache_resource(show_spinner=False, max_entries=4)
def shared_corpus(digest: str, _paths: tuple[str, ...], edits: tuple[tuple[str, object], ...] = ()):
    """The parsed corpus without the copy ``st.cache_data`` hands out on every rerun (nothing here
    modifies it): a filter change costs no unpickling of the whole corpus."""
    return load_corpus(digest, _paths, edits)


@st.cache_resource(show_spinner=False, max_entries=8)
def edited_corpus(digest: str, _paths: tuple[str, ...], edits: tuple, steps_key: tuple[str, ...], _steps: tuple):
    """The corpus with the actor edits made in the Actors section applied in order (each re-uses the one
    before: only the events' actor names change, nothing is parsed again)."""
    if not _steps:
        return shared_corpus(digest, _paths, edits)
    before = edited_corpus(digest, _paths, edits, steps_key[:-1], _steps[:-1])
    return before.with_actor_edits(_steps[-1])


@st.cache_resource(show_spinner=False, max_entries=16)
def content_digest(signature: tuple, paths: tuple[str, ...]) -> str:
    """The content digest, computed again only when a file's name, size or time changes."""
    return V.content_digest(paths)


@st.cache_resource(show_spinner=False)
def stale_uploads_removed() -> bool:
    """Once per server: the upload folders a dashboard that crashed left behind are deleted."""
    remove_stale_folders()
    return True


@st.cache_resource(show_spinner=False, scope="session", on_release=UploadFolder.remove)
def session_uploads() -> UploadFolder:
    """This session's private upload folder: deleted when the session ends (or the server stops)."""
    return UploadFolder()


def uploads_changed() -> None:
    """Files removed from the uploader: the ones a link named are no longer shown either."""
    if not st.session_state.get("d_upload"):
        st.session_state.pop("upload_digest", None)


class Data:
    """What is open: events, articles, documents (for evidence), aliases, problems, a name."""

    def __init__(self, events, articles=None, documents=None, aliases=None, problems=(), name="", key="",
                 actors=None, overrides=None, corpus=None, save_to=None, paths=()):
        self.events, self.documents, self.aliases, self.key = events, documents or {}, aliases or {}, key
        self.articles = articles if articles is not None else schema.articles_frame()
        self.problems, self.name = list(problems), name
        self.paths = tuple(paths)    # what was opened (none for a saved event table)
        self.actors, self.overrides = actors, overrides
        self.corpus = corpus        # the timeline.corpus.Corpus shown (None for a saved event table)
        self.save_to = save_to      # where the actors.yaml goes (None for uploads: downloaded instead)

    def event_ids(self):
        return pd.Index(self.events["event_id"])

    def event(self, event_id: str) -> dict | None:
        return V.event_by_id(self.events, event_id)


class StoreData:
    """An event store opened (``timeline.store_query.EventStore``): queried, never loaded whole."""

    def __init__(self, store, name: str, key: str):
        self.store, self.name, self.key = store, name, key
        self.aliases = store.aliases
        self.documents: dict = {}     # the store keeps no article text

    def event_ids(self):
        from timeline.store_query import EventIds
        return EventIds(self.store)

    def event(self, event_id: str) -> dict | None:
        return self.store.event(event_id)


BLANK_CHART = {"data": [{"type": "scatter", "x": [], "y": []}],
               "layout": {"height": 40, "margin": {"t": 0, "b": 0, "l": 0, "r": 0}, "xaxis": {"visible": False},
                          "yaxis": {"visible": False}}}


def opened_store(path: str, name: str) -> StoreData:
    signature = store_signature(path)
    # on a session's first run, an empty chart goes out first: the browser fetches the chart's code while the
    # store is opened (its index is built once per server), not after
    early = st.empty() if "_store_seen" not in st.session_state else None
    if early is not None:
        st.session_state["_store_seen"] = True
        early.plotly_chart(BLANK_CHART, config={"staticPlot": True}, theme=None)
    data = StoreData(open_store(path, signature), name, key=f"{path}@{hash(signature)}")
    if early is not None:
        early.empty()
    return data


@dataclass(frozen=True)
class Source:
    """The articles chosen in the sidebar: the paths to read and their name, and what the URL says of them
    (``corpus`` or ``upload``); or, when there is nothing to read, why (``problem``) or what to do (``hint``)."""
    paths: tuple[str, ...] = ()
    name: str = ""
    corpus: str = ""
    upload: str = ""
    problem: str = ""
    hint: str = ""


def default_source() -> str:
    default = Path(DEFAULT_CORPUS).name
    return "Bundled seeds" if default == "seeds" else default


def default_corpus() -> Source:
    if not Path(DEFAULT_CORPUS).exists():
        return Source(problem=f"No such folder or file: {DEFAULT_CORPUS} (TIMELINE_CORPUS). "
                              "Open a folder or upload files in the sidebar.")
    return Source((DEFAULT_CORPUS,), Path(DEFAULT_CORPUS).name)


def source_controls() -> Source:
    """The sidebar's "Articles" controls, and what they choose."""
    with st.sidebar:
        st.header("Articles")
        choice = st.radio("Open", [default_source(), "A folder", "Upload files"], key="d_source",
                          horizontal=True, label_visibility="collapsed", format_func=markdown_text)
        if choice == "A folder":
            folder = st.text_input("Folder or file path", key="d_folder", placeholder="/path/to/articles",
                                   help="A folder (or file) under "
                                        + markdown_text("; ".join(map(str, ROOTS.roots)))).strip()
            if not folder:
                return Source(hint="Type the path of a folder of .txt, .md, .html or .jsonl articles in the sidebar.")
            opened = ROOTS.open(folder)
            if opened.path is None:
                return Source(corpus=folder, problem=opened.problem)
            return Source((str(opened.path),), opened.path.name, corpus=folder)
        if choice == "Upload files":
            files = st.file_uploader("Articles (.txt, .md, .html, .jsonl; an articles.csv adds metadata)",
                                     type=UPLOAD_TYPES, accept_multiple_files=True, key="d_upload",
                                     on_change=uploads_changed)
            uploads = session_uploads()
            if files:
                try:
                    digest = uploads.save((f.name, f.getvalue()) for f in files)
                except OSError:
                    return Source(problem="The uploaded files could not be kept on the server: upload them again.")
                st.session_state["upload_digest"] = digest
                return Source((str(uploads.folder(digest)),), "upload", upload=digest)
            digest = st.session_state.get("upload_digest", "")
            if digest and uploads.folder(digest):
                st.caption("Showing the files uploaded in this session. Drop files to open others.")
                return Source((str(uploads.folder(digest)),), "upload", upload=digest)
            if digest:
                return Source(upload=digest, problem="The uploaded articles of this link are not here: uploaded files "
                                                     "are kept only for the browser session that uploaded them, "
                                                     "until it ends. Upload the files again (“Upload files” in "
                                                     "the sidebar).")
            return Source(hint="Drop one or more article files in the sidebar.")
    return default_corpus()


def source_from_url() -> None:
    """On a session's first run, the link's articles: a folder (``corpus=``) or kept uploads (``upload=``)."""
    if "_source_read" in st.session_state:
        return
    st.session_state["_source_read"] = True
    view, notices = V.read_query(query_params())
    remember_notices([n for n in notices if n.param == "upload"])
    if view.upload:
        st.session_state.update(d_source="Upload files", upload_digest=view.upload)
    elif view.corpus:
        st.session_state.update(d_source="A folder", d_folder=view.corpus)


def open_data() -> tuple[Data | None, Source, bool]:
    """What to show, the articles chosen, and whether the "Articles" controls are still to be drawn.

    On the default source (the usual first load) the controls are drawn after the chart, so that the
    chart is the first element the browser receives and starts loading; their value is read from the
    session state meanwhile (the radio shows the same)."""
    table = os.environ.get("TIMELINE_EVENTS")
    if table and is_store(table):
        return opened_store(table, Path(table).name), Source(), False
    if table:
        mtime = os.path.getmtime(table)
        return (Data(load_event_table(table, mtime), name=Path(table).stem, key=f"{table}@{mtime}"), Source(),
                False)
    later = st.session_state.get("d_source", default_source()) == default_source()
    source = default_corpus() if later else source_controls()
    if not source.paths:
        return None, source, later
    paths, name = source.paths, source.name
    if len(paths) == 1 and is_store(paths[0]):
        return opened_store(paths[0], name), source, later
    try:
        digest = content_digest(V.stat_signature(paths), paths)
        edits = tuple(sorted(st.session_state.setdefault("published_edits", {}).get(digest, {}).items()))
        steps = tuple(st.session_state.setdefault("actor_edits", {}).get(digest, []))
        steps_key = tuple(map(repr, steps))
        corpus = edited_corpus(digest, paths, edits, steps_key, steps)
    except OSError:           # a folder that cannot be listed, a file gone while reading: said plainly
        return None, Source(corpus=source.corpus, upload=source.upload,
                            problem="Could not read these articles: a file or folder could not be opened."), later
    st.session_state["digest"] = digest
    save_to = None if name == "upload" else actors_file_path(paths[0], corpus.actor_overrides)
    if save_to is not None and not ROOTS.holds(save_to):      # "Save" never writes outside the allowed folders
        save_to = None
    problems = corpus.problems
    if source.upload:        # the files by their own names, not by the session's private folder
        problems = [str(p).replace(f"{paths[0]}{os.sep}", "") for p in problems]
    return Data(corpus.events, corpus.articles, corpus.documents, corpus.aliases, problems, name,
                key=f"{digest}|{edits}|{hash(steps_key)}", actors=corpus.actors, overrides=corpus.actor_overrides,
                corpus=corpus, save_to=save_to, paths=paths), source, later


def actors_file_path(path: str, overrides) -> Path:
    """The actors.yaml the corpus was read with, else the one beside it (in its folder)."""
    if isinstance(overrides, (str, Path)):
        return Path(overrides)
    from timeline.actors import OVERRIDES_FILENAME
    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    return folder / OVERRIDES_FILENAME


def keep_source_in_url(source: Source) -> None:
    """With nothing open, the URL still names the articles asked for (its other settings stay as they are)."""
    for key, value in (("corpus", source.corpus), ("upload", source.upload)):
        if value:
            st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]


# ------------------------------------------------------------------------------ controls --

@st.cache_resource(max_entries=8, show_spinner=False)
def choices(key: str, _events: pd.DataFrame, _articles: pd.DataFrame, _actors, _aliases) -> V.Choices:
    """What the filters offer (actors with counts and other names, articles, sources, date bounds), once per
    data set."""
    return V.choices(_events, _articles, _actors, _aliases)


def query_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def init_state(data: Data, options: V.Choices) -> None:
    """The controls start from the URL's query string (which always holds the current view): on a
    session's first run, and whenever Streamlit has dropped a control's state (controls not drawn).
    Values that mean nothing here (malformed, or an actor, article or source these articles do not
    have) are left out and said in a notice; a merged or renamed actor becomes its new name."""
    state = st.session_state
    url_view, url_notices = V.read_query(query_params())
    taken = []
    for spec in V.CONTROLLED:
        if spec.state not in state:
            state[spec.state] = spec.to_control(V.setting(url_view, spec))
            taken.append(spec.name)
    remember_notices([n for n in url_notices if n.param in taken])
    view = V.view_from_controls(state)
    event_ids = data.event_ids() if view.event else None
    fitted, notices = V.fit_to_data(view, options, data.aliases, event_ids)
    if fitted != view:
        before = V.control_values(view)
        state.update({k: v for k, v in V.control_values(fitted).items() if v != before[k]})
    remember_notices(notices)


def current_view(source: Source) -> V.View:
    return V.view_from_controls(st.session_state, corpus=source.corpus, upload=source.upload)


def remember_notices(notices) -> None:
    """Notices are shown at the top until dismissed, or until the setting they are about is changed."""
    if notices:
        st.session_state["notices"] = {**st.session_state.get("notices", {}), **{n.param: n for n in notices}}


def forget_notice(param: str) -> None:
    st.session_state.get("notices", {}).pop(param, None)


def forget_notices() -> None:
    st.session_state["notices"] = {}


def clear_filters() -> None:
    st.session_state.update({spec.state: spec.control_default for spec in FILTERS if spec.state})
    st.session_state.update(actor_query="", actor_pick=None)
    for spec in FILTERS:
        forget_notice(spec.name)


def show_actor(name: str) -> None:
    st.session_state["f_actors"] = list(dict.fromkeys(list(st.session_state.get("f_actors") or []) + [name]))
    st.session_state.update(actor_query="", actor_pick=None)
    forget_notice("actors")


def show_suggested_actor() -> None:
    name = st.session_state.pop("actor_suggestion", None)
    if name:
        show_actor(name)


def pick_typed_actor(options: V.Choices, aliases) -> None:
    """Enter in the actor box: the one actor the typed words mean is added; else nothing is, and the actors
    they could mean are offered."""
    typed = (st.session_state.get("actor_query") or "").strip()
    if not typed:
        st.session_state["actor_pick"] = None
        return
    found = V.pick_actor(typed, options.actors, aliases)
    if found:
        show_actor(found.matches[0])
    else:
        st.session_state["actor_pick"] = found


def notices(options: V.Choices) -> None:
    """What the URL asked for that is not shown (``V.Notice``): said at the top, with the actors it may have
    meant one click away."""
    said = list(st.session_state.get("notices", {}).values())
    if not said:
        return
    st.warning("  \n".join(markdown_text(n.text) for n in said), icon=":material/link_off:")
    row = st.container(horizontal=True)
    suggested = list(dict.fromkeys(s for n in said for s in n.suggestions if s in options.actor_counts))
    for i, name in enumerate(suggested):
        row.button(f"Show {markdown_text(name)}", key=f"suggested_actor_{i}", on_click=show_actor, args=(name,))
    row.button("Dismiss", key="dismiss_notices", on_click=forget_notices, type="tertiary")


def actor_picker(data: Data, options: V.Choices, spec) -> None:
    """Type a name or an alias and Enter: the one actor it means is added (``V.pick_actor``), never every
    actor it resembles. The chosen actors are chips below, removable; the list also offers every actor."""
    st.text_input(spec.label, key="actor_query", on_change=pick_typed_actor, args=(options, data.aliases),
                  placeholder="A name or alias, then Enter" if options.actors else "No actors named yet",
                  disabled=not options.actors,
                  help=f"{spec.help} Enter adds the actor whose name or alias you typed, or the one actor "
                       "whose name holds those words; when several could be meant, they are offered.")
    unsure = st.session_state.get("actor_pick")      # a Resolution that matched nothing (so it is falsy)
    if unsure is not None and unsure.suggestions:
        st.pills(markdown_text(V.pick_text(unsure)), unsure.suggestions, key="actor_suggestion",
                 format_func=lambda name: markdown_text(options.actor_label(name)), on_change=show_suggested_actor)
    elif unsure is not None:
        st.caption(markdown_text(V.pick_text(unsure)))
    st.multiselect("Chosen actors", options.actors, key=spec.state, format_func=options.actor_label,
                   placeholder="Everyone", label_visibility="collapsed", filter_mode=None, select_all=False,
                   on_change=forget_notice, args=(spec.name,))


def filter_control(spec, options: V.Choices, where=None) -> None:
    """The sidebar control of one filter (``timeline.filters.FILTERS``), by its kind."""
    where = where or st
    common = dict(key=spec.state, help=spec.help or None, on_change=forget_notice, args=(spec.name,))
    if spec.kind == "multi" and getattr(options, spec.options) is None:
        where.caption(f"{spec.label}: too many to list here; a link can name them.")
    elif spec.kind == "multi":     # select_all=False: Enter takes the first match, never "Select N matches"
        option_label = {"docs": lambda d: (options.titles.get(d) or d)[:70]}.get(spec.name, str)
        where.multiselect(spec.label, getattr(options, spec.options), format_func=option_label,
                          placeholder=spec.placeholder, select_all=False, **common)
    elif spec.kind == "date":
        lo, hi = options.bounds
        value = st.session_state.get(spec.state)
        where.date_input(spec.label, min_value=min(lo, value or lo), max_value=max(hi, value or hi),
                         format="YYYY-MM-DD", **{**common, "help": f"Dates in the table: {lo} to {hi}"})
    elif spec.kind == "toggle":
        where.toggle(spec.label, **common)
    elif spec.kind == "choice":
        where.radio(spec.label, list(spec.choices), horizontal=True, format_func=spec.choice_labels.get, **common)
    else:
        where.text_input(spec.label, placeholder=spec.placeholder, **common)


def sidebar(data: Data, options: V.Choices) -> None:
    """The filter and display controls, one per entry of ``FILTERS`` and ``V.DISPLAY`` that has one.
    They write the session state the view is read from."""
    with st.sidebar:
        st.header("Filters")
        st.button("Clear filters", key="clear", width="stretch", on_click=clear_filters)
        specs = [spec for spec in FILTERS if spec.state]
        dates = [spec for spec in specs if spec.kind == "date"]
        for spec in specs:
            if spec.name == "actors":
                actor_picker(data, options, spec)
            elif spec.kind == "date":
                if options.bounds and spec is dates[0]:      # the dates side by side
                    for column, date_spec in zip(st.columns(len(dates)), dates):
                        filter_control(date_spec, options, column)
            else:
                filter_control(spec, options)
        st.header("Display")
        for spec in V.DISPLAY:
            if spec.state and spec.kind == "choice":
                filter_control(spec, options)


# ---------------------------------------------------------------------------- main area --

CHART_WIDTH = 820            # px: the chart in a 1280 px window with the sidebar open (its labels are fitted to it)


@st.cache_resource(max_entries=8, show_spinner=False)
def corpus_colors(key: str, _events: pd.DataFrame, color: str) -> dict[str, str]:
    """One colour per source (or article) over all the events open: the same in every filtered view."""
    from timeline.colors import color_assignment
    return color_assignment(_events, color)


@st.cache_resource(max_entries=16, show_spinner=False)
def cached_figure(key: str, _events: pd.DataFrame, lanes: str, color: str, title: str, window: tuple,
                  _colors: dict[str, str], _data: Data, actors: tuple[str, ...] = ()):
    """The chart of ``_events``; each event labelled in the lane of the ``actors`` asked for, if it is there."""
    focus = wanted_actors(actors, _data.events, _data.aliases)
    return timeline_figure(_events, lanes=lanes, color=color, title=title, window=window, colors=_colors,
                           width=CHART_WIDTH, focus=focus)


def chart(data: Data, shown: pd.DataFrame, view: V.View, options: V.Choices) -> None:
    f = view.filter
    what = describe_filter(f, options.titles)
    drawn = int(shown["start"].notna().sum())
    title = f"{drawn} events · {shown['doc'].nunique()} articles · {what}"
    key = f"{data.key}|{f!r}|{view.lanes}|{view.color}"
    colors = corpus_colors(data.key, data.events, view.color)
    fig = cached_figure(key, shown, view.lanes, view.color, title, (f.since, f.until), colors, data, tuple(f.actors))
    show_chart(fig, view, data.name)


def show_chart(fig, view: V.View, corpus_name: str) -> None:
    """The item chart (a click opens the event's evidence) and its downloads."""
    f = view.filter
    name = export_filename(f, "png", corpus=corpus_name, lanes=view.lanes)
    state = st.plotly_chart(fig, key="chart", on_select="rerun", selection_mode="points", theme=None,
                            config=camera_config(name, scale=2), width="stretch")
    picked = V.selected_event_id(state)
    if picked != st.session_state.get("last_pick", ""):     # a new click (not the same one, still held)
        st.session_state["last_pick"] = picked
        if picked:
            st.session_state["selected"] = picked
            st.query_params["event"] = picked
    figure_downloads(fig, view, corpus_name)


def figure_downloads(fig, view: V.View, corpus_name: str) -> None:
    f = view.filter
    c1, c2, c3, c4 = st.columns([1, 1, 1, 4], vertical_alignment="center")
    for col, fmt, label in ((c1, "png", "PNG 2×"), (c2, "svg", "SVG"), (c3, "html", "HTML")):
        col.download_button(label, data=lambda fmt=fmt: figure_bytes(fig, fmt, scale=2),
                            file_name=export_filename(f, fmt, corpus=corpus_name, lanes=view.lanes),
                            mime={"png": "image/png", "svg": "image/svg+xml", "html": "text/html"}[fmt],
                            key=f"export_{fmt}", icon=":material/download:", on_click="ignore")
    c4.caption("Save this view: PNG/SVG rendered on the server at the chart's size (without the overview "
               "strip), HTML stays interactive. The chart's camera icon saves exactly what you see.")


def evidence(data: Data, view: V.View) -> None:
    st.subheader("Evidence")
    row = data.event(st.session_state.get("selected", ""))
    if row is None:
        st.caption("Click a point or bar on the chart to read the sentence behind it.")
        return
    doc = data.documents.get(row["doc"])
    st.html(evidence_html(row, doc.text if doc is not None else None, data.aliases))
    if st.button("Close", key="close_evidence"):
        st.session_state["selected"] = ""
        st.rerun()


def drawn_when_open(label: str, key: str, icon: str, expanded: bool = False):
    """An expander whose content is computed and sent only while it is open; None while it is closed.
    The tables under the chart use it: the grid's code is the page's largest download after Plotly's,
    and loading both at once would delay the chart."""
    box = st.expander(label, expanded=expanded, key=key, on_change="rerun", icon=icon)
    return None if box.open is False else box


EVENT_TABLE_COLUMNS = {
    "date_text": st.column_config.TextColumn(
        "As written", width="medium",
        help="The date as written in the sentence. With no date written, why the event sits where "
             "it does: the publication day (the article reports it as news) or story context "
             "(the day of the news an earlier sentence dates)"),
    "cue": st.column_config.TextColumn(
        "Cue", width="small",
        help="With no date written: the verb that makes the sentence news of its day"),
    "date": st.column_config.TextColumn("Date (TIMEX3)", width="small"),
    "start": st.column_config.DatetimeColumn("Starts", format="YYYY-MM-DD"),
    "granularity": st.column_config.TextColumn("Precision", width="small"),
    "label": st.column_config.TextColumn("What", width="large"),
    "actors": st.column_config.ListColumn("Actors"),
    "title": st.column_config.TextColumn("Article"),
    "source": st.column_config.TextColumn("Source"),
    "tense": st.column_config.TextColumn("Tense", width="small"),
    "anchor": st.column_config.TextColumn("Anchored", width="small"),
    "warning": st.column_config.TextColumn("Warning", width="medium"),
    "event_id": st.column_config.TextColumn("Event id", width="small"),
}


def event_table(shown: pd.DataFrame, view: V.View, name: str) -> None:
    st.subheader(f"Events ({len(shown)})")
    event_downloads(shown, view, name)
    disputed = int((shown["warning"].fillna("") != "").sum())
    if disputed:
        st.warning(f"{disputed} event{'s are' if disputed > 1 else ' is'} placed from a publication date that the "
                   "article's own dateline disputes (see **Warning** in the table, and the article table below).",
                   icon=":material/event_busy:")
    box = drawn_when_open(f"Table of the {len(shown):,} events shown: sort, search, copy", "events_open",
                          ":material/table_rows:")
    if box is None:
        return
    if len(shown) > TABLE_ROWS:
        box.caption(f"The first {TABLE_ROWS:,} of {len(shown):,} are listed here; the downloads hold them all.")
    box.dataframe(V.table(shown.head(TABLE_ROWS)), hide_index=True, width="stretch", height=320, key="events_table",
                  column_config=EVENT_TABLE_COLUMNS)


def event_downloads(shown, view: V.View, name: str) -> None:
    """CSV and JSON of the events ``shown`` (a table, or what gives it: made when a button is pressed)."""
    rows = shown if callable(shown) else lambda: shown
    base = export_filename(view.filter, "csv", corpus=name, lanes=view.lanes).rsplit(".", 1)[0] + "_events"
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button("CSV", data=lambda: V.table_csv(rows()), file_name=f"{base}.csv", mime="text/csv",
                       key="table_csv", icon=":material/table:", on_click="ignore")
    c2.download_button("JSON", data=lambda: V.table_json(rows()), file_name=f"{base}.json",
                       mime="application/json", key="table_json", icon=":material/data_object:",
                       on_click="ignore")


def undrawn(shown: pd.DataFrame) -> None:
    missing = V.undrawn(shown)
    if missing.empty:
        return
    box = drawn_when_open(f"{len(missing)} events with no placeable date (not drawn)", "undrawn_open",
                          ":material/event_busy:")
    if box is None:
        return
    with box:
        st.caption("Relative dates such as “last week” need the article's publication date: "
                   "set it in the article table below.")
        st.dataframe(missing[["date_text", "sentence", "title", "source"]], hide_index=True, width="stretch",
                     key="undrawn_table")


def article_table(data: Data) -> None:
    if data.articles.empty:
        return
    st.subheader(f"Articles ({len(data.articles)})")
    missing = V.without_dates(data.articles)
    if len(missing):
        names = ", ".join(f"“{markdown_text(t or d)}”" for t, d in zip(missing["title"].fillna(""), missing["id"]))
        st.warning(f"{len(missing)} article{'s have' if len(missing) > 1 else ' has'} no publication date: "
                   f"{names}. Its relative dates (“on Thursday”, “next year”) cannot be placed. "
                   "Enter the date in the **Published** column below — the timeline updates at once — "
                   "or add it to the file's front matter (`published: 2011-11-24`) or to articles.csv.",
                   icon=":material/event_busy:")
    conflicts = V.with_dateline_conflicts(data.articles)
    if len(conflicts):
        names = "; ".join(f"“{markdown_text(t or d)}”: {markdown_text(w)}" for t, d, w in
                          zip(conflicts["title"].fillna(""), conflicts["id"], conflicts["dateline_conflict"]))
        st.warning(f"The dateline in the text disagrees with the metadata's publication date in {len(conflicts)} "
                   f"article{'s' if len(conflicts) > 1 else ''}: {names}. If the dateline is right, enter its "
                   "date in the **Published** column below.", icon=":material/event_busy:")
    for problem in data.problems:
        st.error(f"Could not read {markdown_text(problem)}", icon=":material/error:")
    # open by itself when a date is missing or disputed
    box = drawn_when_open("Titles, sources, publication dates (editable), files, event counts", "articles_open",
                          ":material/article:", expanded=bool(len(missing) or len(conflicts)))
    if box is None:
        return
    before = V.article_table(data.articles)
    after = box.data_editor(
        before, hide_index=True, width="stretch", key="articles_editor",
        disabled=["id", "title", "source", "dateline", "from", "events", "status", "warning"],
        column_config={"published": st.column_config.DateColumn("Published", format="YYYY-MM-DD",
                                                                help="Edit to re-anchor this article's dates"),
                       "dateline": st.column_config.DateColumn(
                           "Dateline", format="YYYY-MM-DD",
                           help="The publication date the text's dateline or byline gives; the Published date "
                                "is the one used"),
                       "from": st.column_config.TextColumn("From file"),
                       "events": st.column_config.NumberColumn("Events"),
                       "warning": st.column_config.TextColumn("Warning", width="medium"),
                       "id": None})
    changed = V.changed_publication_dates(before, after)
    if changed:
        edits = st.session_state["published_edits"].setdefault(st.session_state.get("digest", ""), {})
        edits.update(changed)
        st.rerun()


def main() -> None:
    # Order matters for the first paint: Streamlit sends elements in script order and the browser
    # fetches each element type's code as it arrives, so the chart (the largest download, Plotly)
    # goes out first and the sidebar controls, the style and the tables follow it. What is wrong
    # (a folder that is not there, files that cannot be read, a filter that leaves nothing) comes first.
    st.title("timeline", anchor=False)
    stale_uploads_removed()
    source_from_url()
    data, source, controls_later = open_data()
    if data is None:
        if source.problem:
            st.error(markdown_text(source.problem), icon=":material/folder_off:")
        else:
            st.info(source.hint or "Choose articles in the sidebar: the bundled seeds, a folder, or files you upload.")
        keep_source_in_url(source)
        style()
        if controls_later:
            source_controls()
        return
    if isinstance(data, StoreData):
        store_page(data, source, controls_later)
        return
    options = choices(data.key, data.events, data.articles, data.actors, data.aliases)
    init_state(data, options)
    view = current_view(source)
    shown = apply_filter(data.events, view.filter, data.aliases)
    st.query_params.from_dict(V.to_query(view))
    where = "uploaded" if source.upload else f"in {source.corpus or DEFAULT_CORPUS}"
    problem = V.corpus_problem(data.articles, data.problems, data.events, where) if data.corpus else None
    if problem:
        level, text = problem
        say = st.error if level == "error" else st.warning
        say(markdown_text(text), icon=":material/error:")
    refused = refused_actors_file(st.session_state.get("digest", ""), data.paths) if data.paths else ""
    if refused:
        st.warning(markdown_text(f"The actors file is not used: {refused}. The actors are as found in the "
                                 "articles."), icon=":material/group_off:")
    if shown.empty and not (problem and problem[0] == "error"):
        st.info(markdown_text(V.why_empty(data.events, view.filter, data.aliases)), icon=":material/filter_alt_off:")
    notices(options)
    st.caption(f"**{len(data.events)}** events from **{data.events['doc'].nunique()}** articles in "
               f"*{markdown_text(data.name)}* · showing **{len(shown)}** · "
               f"{markdown_text(describe_filter(view.filter, options.titles))}")
    if not shown.empty:
        chart(data, shown, view, options)
    style()
    if controls_later:
        source_controls()
    sidebar(data, options)
    if not shown.empty:
        evidence(data, view)
        undrawn(shown)
        event_table(shown, view, data.name)
    article_table(data)
    actor_table(data)


# -------------------------------------------------------------------------------- a store --

@st.cache_resource(max_entries=4, show_spinner=False)
def store_choices(key: str, _store) -> V.Choices:
    return SV.choices(_store)


@st.cache_resource(max_entries=16, show_spinner=False)
def store_chart(key: str, _store, _view: V.View, what: str) -> SV.StoreChart:
    """The chart of a view of the store: its events, or the density band when they are too many."""
    return SV.chart(_store, _view, what, width=CHART_WIDTH)


def store_page(data: StoreData, source: Source, controls_later: bool) -> None:
    """The page of an event store: the same filters, URL and evidence; the chart and the table from queries."""
    options = store_choices(data.key, data.store)
    init_state(data, options)
    view = current_view(source)
    st.query_params.from_dict(V.to_query(view))
    f = view.filter
    summary = data.store.summary(f)
    total = data.store.summary()
    if not summary.events:
        st.info(markdown_text(SV.why_empty(data.store, f)), icon=":material/filter_alt_off:")
    notices(options)
    what = describe_filter(f, options.titles)
    st.caption(f"**{total.events:,}** events from **{total.articles:,}** articles in *{markdown_text(data.name)}* · "
               f"showing **{summary.events:,}** · {markdown_text(what)}")
    drawn_one_by_one = False
    if summary.events:
        result = store_chart(f"{data.key}|{f!r}|{view.lanes}|{view.color}", data.store, view, what)
        drawn_one_by_one = not result.is_density
        if result.is_density:
            density_chart(result, view, data.name)
        else:
            show_chart(result.figure, view, data.name)
    style()
    if controls_later:
        source_controls()
    sidebar(data, options)
    if summary.events:
        evidence(data, view)
        store_event_table(data, view, summary, downloads=drawn_one_by_one)
    store_actor_table(data)


def zoom_to_cells() -> None:
    """Cells chosen on the density band (a box dragged across it): the date range becomes the span they cover."""
    span = selected_span(st.session_state.get("density"))
    if span:
        st.session_state.update(f_since=span[0], f_until=span[1])
        forget_notice("since")
        forget_notice("until")


def density_chart(result: SV.StoreChart, view: V.View, corpus_name: str) -> None:
    st.caption(f"{result.summary.events:,} events: too many to draw one by one (up to {SV.ITEM_LIMIT:,}). "
               f"Each lane counts its events per {result.period}. Drag across the band to narrow the dates to the "
               "periods under it; the filters in the sidebar narrow it too.")
    name = export_filename(view.filter, "png", corpus=corpus_name, lanes=view.lanes)
    st.plotly_chart(result.figure, key="density", on_select=zoom_to_cells, selection_mode=("points", "box"),
                    theme=None, config=camera_config(name, scale=2), width="stretch")
    figure_downloads(result.figure, view, corpus_name)


def turn_page(step: int) -> None:
    st.session_state["events_page"] = max(1, int(st.session_state.get("events_page") or 1) + step)


def store_event_table(data: StoreData, view: V.View, summary, downloads: bool) -> None:
    """The events of the view, a page at a time (each page one query); the downloads while the view is drawn
    event by event (``downloads``)."""
    st.subheader(f"Events ({summary.events:,})")
    if downloads:      # every column, read when a button is pressed
        event_downloads(lambda: data.store.events(view.filter), view, data.name)
    else:
        st.caption(f"The downloads hold up to {SV.ITEM_LIMIT:,} events: narrow the view to download it.")
    box = drawn_when_open(f"Table of the {summary.events:,} events shown, {PAGE_ROWS} a page", "events_open",
                          ":material/table_rows:")
    if box is None:
        return
    pages = max(1, -(-summary.events // PAGE_ROWS))
    state = st.session_state
    if state.get("events_page_of") != repr(view.filter):     # another view: back to its first page
        state["events_page_of"], state["events_page"] = repr(view.filter), 1
    state["events_page"] = min(max(1, int(state.get("events_page") or 1)), pages)
    number = state["events_page"]
    with box:
        c1, c2, c3, c4 = st.columns([1, 1, 1, 3], vertical_alignment="center")
        c1.button("Previous", key="events_previous", icon=":material/chevron_left:", on_click=turn_page, args=(-1,),
                  disabled=number <= 1, width="stretch")
        c2.number_input("Page", min_value=1, max_value=pages, step=1, key="events_page", label_visibility="collapsed")
        c3.button("Next", key="events_next", icon=":material/chevron_right:", on_click=turn_page, args=(1,),
                  disabled=number >= pages, width="stretch")
        first = (number - 1) * PAGE_ROWS
        c4.caption(f"Events {first + 1:,}–{min(first + PAGE_ROWS, summary.events):,} of {summary.events:,} "
                   f"(page {number:,} of {pages:,}), by date")
        rows = data.store.page(view.filter, number, PAGE_ROWS)
        st.dataframe(V.table(rows), hide_index=True, width="stretch", height=320, key="events_table",
                     column_config=EVENT_TABLE_COLUMNS)


def store_actor_table(data: StoreData) -> None:
    table = data.store.actor_table
    if table is None or table.empty:
        return
    st.subheader(f"Actors ({len(table):,})")
    box = drawn_when_open("Names, kinds and the other names of each", "actors_open", ":material/group:")
    if box is None:
        return
    columns = [c for c in ("name", "kind", "events", "articles", "aliases") if c in table]
    box.dataframe(table[columns], hide_index=True, width="stretch", key="actors_table",
                  column_config={"name": st.column_config.TextColumn("Actor"),
                                 "kind": st.column_config.TextColumn("Kind"),
                                 "events": st.column_config.NumberColumn("Events", width="small"),
                                 "articles": st.column_config.NumberColumn("Articles", width="small"),
                                 "aliases": st.column_config.ListColumn("Also written", width="large")})


def actor_table(data: Data) -> None:
    if data.actors is None or data.actors.empty:
        return
    st.subheader(f"Actors ({len(data.actors)})")
    used = f"{markdown_text(data.overrides)} is applied. " if isinstance(data.overrides, (str, Path)) else ""
    st.caption(f"One name per actor across the articles, with the other names merged into it. {used}"
               "Merge, rename and hide actors or set their kind below: the timeline changes at once, and "
               "“Save” writes the changes to the `actors.yaml` beside the articles.")
    if st.session_state.get("actors_saved"):
        st.success(st.session_state.pop("actors_saved"), icon=":material/save:")
    if st.session_state.get("actors_save_failed"):
        st.error(markdown_text(st.session_state.pop("actors_save_failed")), icon=":material/error:")
    box = drawn_when_open("Names, kinds and the aliases merged into each; merge, rename, hide", "actors_open",
                          ":material/group:")
    if box is None:
        return
    with box:
        actor_editor(data)
        st.dataframe(data.actors[["name", "kind", "events", "articles", "aliases"]], hide_index=True,
                     width="stretch", key="actors_table",
                     column_config={"name": st.column_config.TextColumn("Actor"),
                                    "kind": st.column_config.TextColumn("Kind"),
                                    "events": st.column_config.NumberColumn("Events", width="small"),
                                    "articles": st.column_config.NumberColumn("Articles", width="small"),
                                    "aliases": st.column_config.ListColumn("Also written", width="large")})


def add_actor_edit(**changes) -> None:
    """One edit (merge, rename, hide or kind), applied after those before it."""
    from timeline.actors import Overrides
    steps = st.session_state.setdefault("actor_edits", {}).setdefault(st.session_state.get("digest", ""), [])
    steps.append(Overrides(**changes))


def merge_actors() -> None:
    s = st.session_state
    names = list(s.get("ae_merge") or [])
    if len(names) >= 2:
        head = (s.get("ae_merge_name") or "").strip() or names[0]
        add_actor_edit(merge=[list(dict.fromkeys([head, *names]))])
        s["ae_merge"], s["ae_merge_name"] = [], ""


def rename_actor() -> None:
    s = st.session_state
    old, new = s.get("ae_rename"), (s.get("ae_rename_to") or "").strip()
    if old and new and new != old:
        add_actor_edit(rename={old: new})
        s["ae_rename"], s["ae_rename_to"] = None, ""


def hide_actors() -> None:
    s = st.session_state
    names = list(s.get("ae_hide") or [])
    if names:
        add_actor_edit(hide={n.lower() for n in names}, spelling={n.lower(): n for n in names})
        s["ae_hide"] = []


def set_actor_kind() -> None:
    s = st.session_state
    name, kind = s.get("ae_kind_actor"), s.get("ae_kind")
    if name and kind:
        add_actor_edit(kind={name.lower(): kind}, spelling={name.lower(): name})
        s["ae_kind_actor"] = None


def discard_actor_edits() -> None:
    st.session_state.setdefault("actor_edits", {})[st.session_state.get("digest", "")] = []


def save_actors(data: Data) -> None:
    try:
        backup = data.corpus.actors_file().save(data.save_to)
    except (OverridesError, OSError) as err:
        st.session_state["actors_save_failed"] = f"The actors were not saved: {err}"
        return
    kept = f" The previous file is kept as {markdown_text(backup.name)}." if backup else ""
    st.session_state["actors_saved"] = f"Saved the actors to {markdown_text(data.save_to)}.{kept}"
    discard_actor_edits()      # the saved file now gives them (the folder is read again with it)


def actor_editor(data: Data) -> None:
    """Merge, rename, hide, kind: each applied at once; written to actors.yaml only on "Save"."""
    from timeline.actors import KINDS
    names = list(data.actors["name"])
    c1, c2, c3 = st.columns([3, 2, 1], vertical_alignment="bottom")
    c1.multiselect("Merge these actors", names, key="ae_merge", placeholder="Two or more actors")
    c2.text_input("into one named", key="ae_merge_name", placeholder="the first one's name")
    c3.button("Merge", key="ae_merge_go", on_click=merge_actors, width="stretch",
              disabled=len(st.session_state.get("ae_merge") or []) < 2)
    c1, c2, c3 = st.columns([3, 2, 1], vertical_alignment="bottom")
    c1.selectbox("Rename", names, index=None, key="ae_rename", placeholder="An actor")
    c2.text_input("to", key="ae_rename_to")
    c3.button("Rename", key="ae_rename_go", on_click=rename_actor, width="stretch")
    c1, c2, c3 = st.columns([3, 2, 1], vertical_alignment="bottom")
    c1.selectbox("Set the kind of", names, index=None, key="ae_kind_actor", placeholder="An actor")
    c2.selectbox("to", KINDS, key="ae_kind")
    c3.button("Set kind", key="ae_kind_go", on_click=set_actor_kind, width="stretch")
    c1, _, c3 = st.columns([3, 2, 1], vertical_alignment="bottom")
    c1.multiselect("Hide", names, key="ae_hide", placeholder="Actors to leave out of the timeline")
    c3.button("Hide", key="ae_hide_go", on_click=hide_actors, width="stretch")
    if data.corpus is None or data.corpus.actor_edits.is_empty:
        return
    c1, c2, c3 = st.columns([3, 2, 1], vertical_alignment="center")
    if data.save_to is not None:
        c1.caption(f"Edited here, not yet saved to {markdown_text(data.save_to)}.")
        c2.button("Save", key="ae_save", type="primary", icon=":material/save:", width="stretch",
                  on_click=save_actors, args=(data,))
    else:
        c1.caption("Edited here: download the `actors.yaml` and put it beside the articles to keep the edits.")
        c2.download_button("actors.yaml", data=data.corpus.actors_file().dump(), file_name="actors.yaml",
                           mime="application/yaml", key="ae_download", icon=":material/download:",
                           on_click="ignore", width="stretch")
    c3.button("Undo all", key="ae_discard", on_click=discard_actor_edits, width="stretch")


def style() -> None:
    st.html("<style>.stMainBlockContainer{padding-top:1.6rem} h1{font-size:2rem !important}</style>")


main()
