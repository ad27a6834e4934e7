"""Vietnamese names and places for generated data (common ones, so duplicates occur as in real lists)."""

from core.text import fold

# Repeated to follow the real shares roughly (Nguyễn about a third), which makes homonyms common.
FAMILY = ["Nguyễn"] * 8 + ["Trần"] * 3 + ["Lê"] * 2 + ["Phạm", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
          "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Lương", "Mai", "Tạ", "Cao"]
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Thanh", "Xuân", "Đình", "Ngọc", "Mạnh", "Trọng"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Kim", "Mai", "Thùy", "Bích", "Diệu"]
GIVEN_MALE = ["Anh", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hòa", "Hùng", "Huy",
              "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc",
              "Quang", "Quân", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Tiến", "Toàn", "Trung", "Tuấn", "Tùng",
              "Việt", "Vinh", "Vũ", "Hưng"]
GIVEN_FEMALE = ["An", "Anh", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
                "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh",
                "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân",
                "Xuân", "Yến", "Hồng", "Ngọc", "Thư"]

PROVINCES = ["Hà Nội", "TP. Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Đồng Nai", "Bắc Ninh",
             "Thanh Hóa", "Nghệ An", "Hưng Yên", "Quảng Ninh", "Thái Nguyên", "Phú Thọ", "Ninh Bình", "Tây Ninh",
             "An Giang", "Vĩnh Long", "Đồng Tháp", "Khánh Hòa", "Lâm Đồng", "Gia Lai", "Đắk Lắk", "Quảng Ngãi",
             "Quảng Trị", "Hà Tĩnh", "Cà Mau", "Lào Cai", "Tuyên Quang", "Lạng Sơn", "Sơn La", "Cao Bằng",
             "Điện Biên", "Lai Châu"]

COMMUNE_WORDS = ["Tân", "Phú", "Hòa", "An", "Bình", "Long", "Thạnh", "Phước", "Đông", "Tây", "Nam", "Bắc",
                 "Trung", "Vĩnh", "Hưng", "Thuận", "Quang", "Minh", "Đại", "Xuân"]
EMPLOYERS = ["Công ty TNHH", "Công ty Cổ phần", "Trường THCS", "Trường Tiểu học", "Trường Mầm non",
             "Bệnh viện", "Trung tâm Y tế", "Ủy ban nhân dân", "Hợp tác xã", "Công ty TNHH May",
             "Công ty Điện tử", "Chi nhánh Ngân hàng"]

INITIATIVE_TITLES = ["Cải tiến quy trình kiểm tra chất lượng sản phẩm", "Tiết kiệm điện năng tại dây chuyền sản xuất",
                     "Ứng dụng phần mềm quản lý hồ sơ", "Giảm thời gian chờ của người bệnh",
                     "Đổi mới phương pháp dạy học tích cực", "Tái sử dụng phế liệu trong sản xuất",
                     "Số hóa sổ sách công đoàn cơ sở", "Cải tiến khuôn ép nhựa", "Nâng cao an toàn lao động tại xưởng",
                     "Tối ưu hóa lịch vận hành máy"]


def folded(words):
    return [fold(w) for w in words]
