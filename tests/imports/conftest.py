"""Fixtures of the import tests."""

import pytest

from tests.spreadsheets import COOPERATIVE_HEADERS, DIRECTOR_ROW, ROLE_HEADERS, xlsx


@pytest.fixture
def registry_file():
    """Two cooperatives of Tả Van, figures for one, and a manager with her role."""
    return xlsx(
        {
            "HTX và THT": [
                COOPERATIVE_HEADERS,
                ["HTX", "HTX Dệt thổ cẩm Tả Van", "5300123456", "Xã Tả Van", "Dệt thổ cẩm"],
                ["THT", "Tổ hợp tác Chăn nuôi Lếch", "", "03037", "Chăn nuôi; Trồng trọt"],
            ],
            "Số liệu năm": [
                [
                    "Mã số đăng ký HTX/THT",
                    "Năm",
                    "Tổng số lao động",
                    "Lao động nữ",
                    "Doanh thu (đồng)",
                ],
                ["5300123456", 2026, "25", "20", "1.234.500.000"],
            ],
            "Người quản lý": [ROLE_HEADERS, DIRECTOR_ROW],
        }
    )
