"""PDF reports (reportlab platypus): the loss report of a case and the inspection report of a visit.

Kept import-light (the Qt UI imports ``fonts`` alone); import the pieces you need:

    model.LossReportData / InspectionReportData / PhotoEntry   plain input data
    loss.render_loss_report(data) -> base.RenderResult          PDF bytes, pages, outline, warnings
    inspection.render_inspection_report(data) -> RenderResult
    base.write_pdf(path, pdf) -> sha256                         atomic write
    service.generate_loss_report(store, media, case, out, …)    store → file + Report row (version n+1)
    service.generate_inspection_report(store, media, visit, out, …)
    fonts.font_path()                                           the embedded CJK TrueType font

See docs/reports.md.
"""
