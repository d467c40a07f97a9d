"""Documents built at once in one process (a threaded server, two liaisons
certifying together) come out whole: ReportLab's font subsetting shares
state, so builds take turns."""

import threading

from cases.pdf import layouts


def test_documents_built_in_threads_at_once_all_come_out_whole():
    rows = [["逝者姓名", "王五"], ["（甲）直接死亡原因", "急性心肌梗死（ICD-10 I21.9）"]] * 5
    results, errors = [], []
    start = threading.Barrier(4)

    def build_some():
        start.wait()
        for _ in range(15):
            try:
                results.append(
                    layouts.certificate("居民死亡医学证明", rows, url="http://x/v/", seal="湖州")
                )
            except Exception as exc:  # noqa: BLE001 - what went wrong is the finding
                errors.append(exc)

    threads = [threading.Thread(target=build_some) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(results) == 60 and all(pdf.startswith(b"%PDF") for pdf in results)
