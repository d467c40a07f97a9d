"""The layout of DESIGN.md holds: dependencies point one way, from the three
faces (portal, api, office) and the project (cms) to forms and content, and
from there to the domain (cases), which imports none of them; no face imports
another. The imports are read with ``ast`` from every module, so an import
inside a function counts as much as one at the top."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PACKAGES = {"cases", "forms", "content", "portal", "api", "office", "cms", "web", "demo"}
FACES = {"portal", "api", "office"}

# What each package may import of the project's other packages.
ALLOWED = {
    "cases": set(),
    "content": {"cases"},
    "forms": {"cases", "content"},
    "portal": {"cases", "forms", "content", "web"},
    "api": {"cases", "forms", "content", "web"},
    "office": {"cases", "forms", "content", "web"},
    # HTTP the faces share (the caller's address, private downloads): it
    # knows requests and responses, and nothing of the project.
    "web": set(),
    "cms": PROJECT_PACKAGES - {"cms", "demo"},
    # Development and test data, installed by those settings only: it builds
    # on the product (the domain, forms, content) and nothing builds on it.
    "demo": {"cases", "forms", "content"},
}


def modules_of(package):
    return sorted(p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return parts


def imported_packages(path):
    """The top-level packages a module imports, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path)
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here if is_package else here[:-1]
                base = base[: len(base) - (node.level - 1)]
                found.add(base[0] if base else (node.module or "").split(".")[0])
            elif node.module:
                found.add(node.module.split(".")[0])
    return found & PROJECT_PACKAGES


def violations(package):
    own = {package}
    return [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in modules_of(package)
        for name in sorted(imported_packages(path) - own - ALLOWED[package])
    ]


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_package_imports_only_what_the_layout_allows(package):
    assert violations(package) == []


@pytest.mark.parametrize("face", sorted(FACES))
def test_no_face_imports_another_face(face):
    others = FACES - {face}
    assert [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in modules_of(face)
        for name in sorted(imported_packages(path) & others)
    ] == []


def test_nothing_of_the_product_imports_the_demo():
    assert [
        f"{path.relative_to(ROOT)} imports demo"
        for package in PROJECT_PACKAGES - {"demo"}
        for path in modules_of(package)
        if "demo" in imported_packages(path)
    ] == []


def project_module(dotted):
    """The file of a project module, or None for a module of another package."""
    if dotted.split(".")[0] not in PROJECT_PACKAGES:
        return None
    base = ROOT.joinpath(*dotted.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.exists():
            return path
    return None  # a name imported from a module, not a module


def imported_closure(package):
    """Every project module that importing ``package``'s modules can load,
    following imports from module to module (inside functions too)."""
    seen = set()
    todo = list(modules_of(package))
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for module in imported_modules(path):
            found = project_module(module)
            if found is not None:
                todo.append(found)
    return seen


def test_importing_the_domain_pulls_in_no_face_and_no_demo():
    loaded = {module_name(path)[0] for path in imported_closure("cases")}
    assert loaded == {"cases"}


def test_the_closure_follows_imports_from_module_to_module(tmp_path, monkeypatch):
    # A domain module importing a domain module that, inside a function,
    # imports the demo: the demo is in the closure.
    for package in ("cases", "demo"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "cases" / "a.py").write_text("from . import b\n", encoding="utf-8")
    (tmp_path / "cases" / "b.py").write_text(
        "def f():\n    from demo.seed import people\n", encoding="utf-8"
    )
    (tmp_path / "demo" / "seed.py").write_text("people = []\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert {module_name(path)[0] for path in imported_closure("cases")} == {"cases", "demo"}


def test_the_domain_holds_no_view_template_or_admin_hook():
    cases = ROOT / "cases"
    assert not (cases / "templates").exists()
    assert not (cases / "wagtail_hooks.py").exists()
    assert not list(cases.rglob("views.py"))
    assert not list(cases.rglob("*_views.py"))


def test_the_checker_sees_a_forbidden_import(tmp_path, monkeypatch):
    # The rule must be able to fail: a domain module importing a face is caught,
    # inside a function too; a relative import is resolved to its own package.
    fake = tmp_path / "cases" / "services"
    fake.mkdir(parents=True)
    (fake / "leak.py").write_text(
        "def f():\n    from portal.apply import x\nfrom ..models import y\n", encoding="utf-8"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert imported_packages(fake / "leak.py") == {"portal", "cases"}
    assert violations("cases") == ["cases/services/leak.py imports portal"]


def imported_modules(path):
    """Every module a file imports, as dotted names (relative ones resolved),
    with the names taken from it: {"django.http": {"FileResponse"}}."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path)
    is_package = path.name == "__init__.py"
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.setdefault(alias.name, set())
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = here if is_package else here[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, *([module] if module else [])])
            names = {alias.name for alias in node.names}
            found.setdefault(module, set()).update(names)
            for name in names:  # "from .. import pdf" imports the module cases.pdf
                found.setdefault(f"{module}.{name}", set())
    return found


HTTP = ("django.http", "django.shortcuts", "django.template.response", "django.views")


def test_the_domain_speaks_no_http():
    """cases renders nothing: responses, requests and views are the faces'
    (web.downloads, web.network); a service takes an address as a string."""
    assert [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in modules_of("cases")
        for module in imported_modules(path)
        if module.startswith(HTTP)
    ] == []


def test_services_lay_out_no_document():
    """A service gathers what a document states and calls cases.pdf.layouts;
    only cases.pdf knows how a page is drawn."""
    found = []
    for path in modules_of("cases"):
        if "pdf" in module_name(path):
            continue
        for module, names in imported_modules(path).items():
            if module.startswith("reportlab") or (module == "cases.pdf" and names - {"layouts"}):
                found.append(f"{path.relative_to(ROOT)} imports {module}")
    assert found == []


def test_the_http_checker_sees_a_response_in_the_domain(tmp_path, monkeypatch):
    fake = tmp_path / "cases" / "services"
    fake.mkdir(parents=True)
    (fake / "leak.py").write_text(
        "def f():\n    from django.http import FileResponse\nfrom .. import pdf\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    modules = imported_modules(fake / "leak.py")
    assert "django.http" in modules and "cases.pdf" in modules


def inner_project_imports(path):
    """The project modules a file imports inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path)
    is_package = path.name == "__init__.py"
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level:
                    base = here if is_package else here[:-1]
                    module = ".".join([*base[: len(base) - (node.level - 1)], module]).strip(".")
                names = [module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found += [name for name in names if name.split(".")[0] in PROJECT_PACKAGES]
    return found


def test_no_import_of_the_domain_hides_inside_a_function():
    """An import inside a function is how a circle is kept from failing at
    start-up. Only an app's ready() may import its plugin (Django's way)."""
    assert [
        f"{path.relative_to(ROOT)} imports {module} inside a function"
        for path in modules_of("cases")
        if path.name != "apps.py"
        for module in inner_project_imports(path)
    ] == []


def domain_import_graph():
    graph = {}
    for path in modules_of("cases"):
        targets = {project_module(module) for module in imported_modules(path)} - {None, path}
        graph[".".join(module_name(path))] = {".".join(module_name(t)) for t in targets}
    return graph


def circles(graph):
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph.get(module, ()):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_the_inner_import_checker_sees_one(tmp_path, monkeypatch):
    fake = tmp_path / "cases" / "services"
    fake.mkdir(parents=True)
    (fake / "leak.py").write_text(
        "import json\ndef f():\n    from ..tasks import send_sms\n    import json\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert inner_project_imports(fake / "leak.py") == ["cases.tasks"]


def test_the_domains_modules_import_one_another_without_a_circle():
    assert circles(domain_import_graph()) == []


def test_the_circle_finder_sees_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_models_import_no_service_job_connector_or_notification():
    below = ("cases.services", "cases.tasks", "cases.connectors", "cases.notifications")
    assert [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in modules_of("cases")
        if module_name(path)[:2] == ["cases", "models"]
        for module in imported_modules(path)
        if module.startswith(below)
    ] == []


def test_jobs_are_enqueued_by_name_and_imported_by_the_worker_alone():
    """Services enqueue through cases.queue, which imports nothing of the
    project; nothing of the project imports the jobs module (the worker finds
    a job by its path)."""
    queue = ROOT / "cases" / "queue.py"
    assert {m for m in imported_modules(queue) if m.split(".")[0] in PROJECT_PACKAGES} == set()
    assert [
        f"{path.relative_to(ROOT)} imports cases.tasks"
        for package in PROJECT_PACKAGES
        for path in modules_of(package)
        for module in imported_modules(path)
        if module == "cases.tasks" or module.startswith("cases.tasks.")
    ] == []


def test_the_queue_names_every_job_and_only_jobs():
    from django_tasks.base import Task

    from cases import queue, tasks

    jobs = {name for name, value in vars(tasks).items() if isinstance(value, Task)}
    assert queue.JOBS == jobs
