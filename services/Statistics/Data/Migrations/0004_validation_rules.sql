-- The rules a dossier import applies, stored so that officials can read why a line was refused or flagged, and each
-- finding of an import with the rule and the severity it was recorded with.
--   error   → the line is not stored;
--   warning → the line is stored and counted, the finding is listed with the import's errors for the unit to review.
-- The import reads this table when a job starts. Rules on the format of a line and on the importer's scope are not
-- adjustable (a line that cannot be read cannot be stored, and scope is not a matter of data quality); the data rules
-- may be switched off or changed in severity by an administrator (UPDATE validation_rules ...).
CREATE TABLE validation_rules (
    code        text    PRIMARY KEY,
    description text    NOT NULL,
    severity    text    NOT NULL CHECK (severity IN ('error', 'warning')),
    enabled     boolean NOT NULL DEFAULT true,
    adjustable  boolean NOT NULL,
    CHECK (adjustable OR (severity = 'error' AND enabled))
);

INSERT INTO validation_rules (code, description, severity, adjustable) VALUES
    ('invalid_value',
     'Giá trị thiếu hoặc sai định dạng (mã hồ sơ, mã đơn vị, kênh, ngày, trạng thái, cờ 0/1, số tiền) hoặc dòng không đọc được: dòng không thể lưu nên bị từ chối.',
     'error', false),
    ('unit_outside_scope',
     'Đơn vị tiếp nhận ngoài phạm vi quản lý của người nhập: mỗi đơn vị chỉ nhập hồ sơ của mình và các đơn vị cấp dưới.',
     'error', false),
    ('dossier_of_other_unit',
     'Mã hồ sơ đã được nhập cho một đơn vị ngoài phạm vi quản lý của người nhập: không được sửa hồ sơ của đơn vị khác.',
     'error', false),
    ('duplicate_in_file',
     'Mã hồ sơ lặp lại trong cùng tệp: chỉ dòng đầu tiên được nhận, vì tệp nói hai điều khác nhau về một hồ sơ.',
     'error', false),
    ('status_end_date_mismatch',
     'Trạng thái và ngày kết thúc mâu thuẫn (hồ sơ đang xử lý có ngày kết thúc, hoặc hồ sơ đã kết thúc không có ngày kết thúc): không xác định được hồ sơ đã giải quyết hay còn tồn nên không thể tính.',
     'error', false),
    ('unknown_procedure',
     'Mã thủ tục không có trong danh mục thủ tục hành chính: hồ sơ không gắn được mức độ, lĩnh vực, dịch vụ thiết yếu; cần nhập danh mục trước rồi nhập lại tệp.',
     'error', true),
    ('due_before_received',
     'Ngày hẹn trả trước ngày tiếp nhận: ngày sai làm sai chỉ tiêu đúng hạn và quá hạn, đơn vị sửa trên hệ thống một cửa rồi nhập lại.',
     'error', true),
    ('finished_before_received',
     'Ngày kết thúc trước ngày tiếp nhận: không thể giải quyết hồ sơ trước khi nhận, ngày sai làm sai chỉ tiêu giải quyết; đơn vị sửa rồi nhập lại.',
     'error', true),
    ('paid_online_without_fee',
     'Thanh toán trực tuyến khi hồ sơ không có nghĩa vụ tài chính: số giao dịch và số tiền thanh toán sẽ không khớp với số hồ sơ có nghĩa vụ tài chính, nên dòng bị từ chối để đơn vị sửa cờ tại nguồn (số liệu tiền phải đối soát được).',
     'error', true),
    ('online_without_online_level',
     'Hồ sơ trực tuyến của thủ tục không có mức độ trực tuyến vào ngày tiếp nhận (mức 1, 2, "không" hoặc chưa có trong danh mục ngày đó): hồ sơ có thật nên vẫn được lưu và tính là trực tuyến; thường do danh mục chưa cập nhật mức độ mới hoặc ghi sai kênh, cần rà soát.',
     'warning', true),
    ('level_mismatch',
     'Cấp thực hiện của thủ tục (tỉnh/huyện/xã) khác cấp của đơn vị tiếp nhận: vẫn lưu, vì bộ phận một cửa cấp xã được tiếp nhận hồ sơ cấp huyện và ngược lại (liên thông); cảnh báo để rà soát mã đơn vị hoặc danh mục.',
     'warning', true);

-- Findings of an import: errors (line not stored) and warnings (line stored). The rule is null for findings recorded
-- before rules were named; the severity is the one in force when the line was imported.
ALTER TABLE import_errors ADD COLUMN rule text NULL REFERENCES validation_rules (code);
ALTER TABLE import_errors ADD COLUMN severity text NOT NULL DEFAULT 'error' CHECK (severity IN ('error', 'warning'));
ALTER TABLE import_errors DROP CONSTRAINT import_errors_pkey;
CREATE UNIQUE INDEX ux_import_errors ON import_errors (import_id, line, field, rule) NULLS NOT DISTINCT;

-- Lines stored with at least one warning (they are also counted as inserted, updated or unchanged).
ALTER TABLE imports ADD COLUMN lines_with_warnings bigint NOT NULL DEFAULT 0;
