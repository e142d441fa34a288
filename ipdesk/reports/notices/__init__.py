"""The notices (登记 / 不予登记 / 补正 / 变更 / 注销) and the search certificate as A4 PDFs."""
