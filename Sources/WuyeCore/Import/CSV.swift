/// Reads CSV (RFC 4180): quoted fields with doubled quotes and line breaks, CRLF or LF,
/// with or without the BOM Excel writes. Returns rows with the line each starts on.
public enum CSV {
    public static func parse(_ text: String) throws(WuyeError) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        var sawAny = false
        func endRow() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowLine, fields)) }
            fields = []
        }
        while i < chars.count {
            let c = chars[i]
            sawAny = true
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"" where field.isEmpty: inQuotes = true
                case ",":
                    fields.append(field)
                    field = ""
                case "\r": break
                case "\n":
                    endRow()
                    line += 1
                    rowLine = line
                default: field.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        if inQuotes { throw .badInput("line \(rowLine): a quoted field is not closed") }
        if sawAny && (!field.isEmpty || !fields.isEmpty) { endRow() }
        return rows
    }
}
