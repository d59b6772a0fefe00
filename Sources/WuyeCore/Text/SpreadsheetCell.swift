/// One cell of CSV written for spreadsheets. Text is made inert, and a cell that begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so that Excel or
/// LibreOffice shows it as text instead of running it as a formula (OWASP's advice on CSV
/// injection). Plain numbers, negative ones included, stay numbers.
public enum SpreadsheetCell {
    public static func make(_ s: String) -> String {
        var safe = InertText.make(s)
        if let f = safe.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f), Double(safe) == nil {
            safe = "'" + safe
        }
        return safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r\n" })
            ? "\"" + safe.replacingOccurrences("\"", "\"\"") + "\"" : safe
    }
}
